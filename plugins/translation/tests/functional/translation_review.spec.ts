import { test } from '@japa/runner'
import { emptyQueues, queueFinished } from '#tests/helpers/queues'
import { createOrganisation, createResident, createStaff, seedAreas } from '#tests/helpers/fixtures'
import { signInStaff } from '#tests/helpers/staff_session'
import { smtpSink } from '#tests/helpers/smtp_sink'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import { FakeTranslateApi, MARKS } from '../helpers/fake_translate.js'
import { enableTranslation } from '../helpers/translation_setup.js'

const TITLE = 'Flooding on the low road'
const BODY = 'Move cars from the **low road** before 6pm.'

/** The page's text with runs of white space as one space (views are formatted over several lines). */
const flat = (html: string) => html.replace(/\s+/g, ' ')

/** What a textarea holds, as the browser would post it. */
function textarea(html: string, name: string) {
  const raw = new RegExp(`name="${name}"[^>]*>([^<]*)</textarea>`).exec(html)?.[1] ?? ''
  return raw
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&amp;', '&')
}

function hidden(html: string, name: string) {
  return new RegExp(`name="${name}"\\s+value="([^"]*)"`).exec(html)?.[1] ?? ''
}

async function sendsDone() {
  await queueFinished('dispatch')
  await queueFinished('send-email')
}

test.group('Translation plugin: staff review the translations in the composer', (group) => {
  group.each.setup(async () => {
    await emptyQueues()
    return emptyTablesAfterwards()
  })

  test('the composer shows each translation beside the English; a correction is the version sent', async ({
    assert,
    cleanup,
  }) => {
    const api = await new FakeTranslateApi().start()
    cleanup(() => api.stop())
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    const { disable } = await enableTranslation(organisation, api, { unreviewed: 'never' })
    cleanup(disable)
    const polish = await createResident(central, [organisation], { language: 'pl' })
    const urdu = await createResident(central, [organisation], { language: 'ur' })
    const sender = await signInStaff(await createStaff(organisation, 'admin'))

    const fields = { 'title': TITLE, 'body': BODY, 'priority': 3, 'areaIds[]': [central.id] }
    const before = await sender.get('/staff/alerts/new')
    assert.include(
      flat(before.text),
      'Save the draft to see it translated into the 2 languages your residents chose'
    )
    const saved = await sender.submit('/staff/alerts/new', fields, { action: '/staff/alerts' })
    const alertId = Number(/\/staff\/alerts\/(\d+)/.exec(saved.url)?.[1])

    const composer = await sender.get(`/staff/alerts/${alertId}/edit`)
    assert.include(composer.text, 'id="translation-review"')
    assert.include(composer.text, `value="PL ${TITLE}"`)
    const polishBody = textarea(composer.text, 'translation_pl_body')
    assert.include(polishBody, 'PL Move cars from the **PL low road**', 'the Markdown survives')
    assert.match(flat(composer.text), /id="translation_ur_body"[^>]*lang="ur" dir="rtl"/)
    assert.include(flat(composer.text), 'characters × 2 languages')
    assert.include(flat(composer.text), 'machine translated, not checked')

    const corrected = 'Zalanie na dolnej drodze'
    const review = await sender.submit(
      `/staff/alerts/${alertId}/edit`,
      {
        ...fields,
        translation_shown: '1',
        translation_hash: hidden(composer.text, 'translation_hash'),
        translation_languages: hidden(composer.text, 'translation_languages'),
        translation_pl_title: corrected,
        translation_pl_body: polishBody,
        translation_ur_title: `${MARKS.ur} ${TITLE}`,
        translation_ur_body: `${MARKS.ur} Move cars`,
      },
      { action: `/staff/alerts/${alertId}` }
    )
    assert.include(review.text, 'Your changes to the alert have been saved.')

    const again = await sender.get(`/staff/alerts/${alertId}/edit`)
    assert.include(again.text, `value="${corrected}"`, 'the correction is kept')
    assert.include(flat(again.text), 'corrected by staff')

    const sent = await sender.post(`/staff/alerts/${alertId}/send`)
    assert.include(sent.text, 'Sending has started.')
    cleanup(sendsDone)
    const polishMail = await smtpSink.waitForMail(polish.email!)
    assert.include(polishMail.subject, corrected)
    assert.include(
      polishMail.html,
      'PL This alert was translated from English by machine and checked by staff.'
    )
    // Urdu was corrected too (its body changed), so it counts as checked and goes out.
    const urduMail = await smtpSink.waitForMail(urdu.email!)
    assert.include(urduMail.subject, `${MARKS.ur} ${TITLE}`)
    assert.match(urduMail.html, /<html lang="ur" dir="rtl">/)
    await sendsDone()
    const page = flat((await sender.get(`/staff/alerts/${alertId}`)).text)
    assert.include(page, 'Corrected by staff')
    assert.include(page, corrected)

    assert.sameMembers(
      api.translateCalls.map((call) => call.target),
      ['pl', 'ur'],
      'translated once for the composer, and not again to send'
    )
  }).timeout(60_000)

  test('an unchecked translation stays back when the organisation says so; new English needs a new check', async ({
    assert,
    cleanup,
  }) => {
    const api = await new FakeTranslateApi().start()
    cleanup(() => api.stop())
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    const { disable } = await enableTranslation(organisation, api, { unreviewed: 'never' })
    cleanup(disable)
    const polish = await createResident(central, [organisation], { language: 'pl' })
    const sender = await signInStaff(await createStaff(organisation, 'admin'))
    const fields = { 'title': TITLE, 'body': BODY, 'priority': 3, 'areaIds[]': [central.id] }
    const saved = await sender.submit('/staff/alerts/new', fields, { action: '/staff/alerts' })
    const alertId = Number(/\/staff\/alerts\/(\d+)/.exec(saved.url)?.[1])
    const composer = await sender.get(`/staff/alerts/${alertId}/edit`)

    // Ticked as checked, but the English changed in the same save: the check does not count.
    await sender.submit(
      `/staff/alerts/${alertId}/edit`,
      {
        ...fields,
        title: `${TITLE} tonight`,
        translation_shown: '1',
        translation_hash: hidden(composer.text, 'translation_hash'),
        translation_languages: 'pl',
        translation_pl_title: `PL ${TITLE}`,
        translation_pl_body: textarea(composer.text, 'translation_pl_body'),
        translation_pl_checked: '1',
      },
      { action: `/staff/alerts/${alertId}` }
    )
    await sender.post(`/staff/alerts/${alertId}/send`)
    cleanup(sendsDone)
    const mail = await smtpSink.waitForMail(polish.email!)
    assert.equal(mail.subject.includes('PL'), false, 'the English went out')
    await sendsDone()
    const page = await sender.get(`/staff/alerts/${alertId}`)
    assert.include(
      flat(page.text),
      'Nobody checked the Polish translation, and your organisation does not send unchecked translations: residents who chose Polish got the English.'
    )
  }).timeout(60_000)
})
