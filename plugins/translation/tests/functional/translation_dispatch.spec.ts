import { test } from '@japa/runner'
import { emptyQueues, queueFinished } from '#tests/helpers/queues'
import { createOrganisation, createResident, createStaff, seedAreas } from '#tests/helpers/fixtures'
import { signInStaff } from '#tests/helpers/staff_session'
import { smtpSink } from '#tests/helpers/smtp_sink'
import { eventually } from '#tests/helpers/eventually'
import type { BrowserLikeSession } from '#tests/helpers/http'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import { FakeTranslateApi, MARKS } from '../helpers/fake_translate.js'
import { enableTranslation } from '../helpers/translation_setup.js'
import { manyResidents } from '../helpers/audience.js'

const TITLE = 'Burglaries near the river'
const BODY =
  'Police are asking residents to **lock sheds**.\n\n- Check your doors\n- [Report it online](https://police.example.org/report)'

async function startFake(cleanup: (fn: () => Promise<void>) => void) {
  const api = await new FakeTranslateApi().start()
  cleanup(() => api.stop())
  return api
}

/** Writes and saves an alert as a sender would, then starts sending it. */
async function composeAndSend(sender: BrowserLikeSession, areaId: number, priority = 3) {
  const review = await sender.submit(
    '/staff/alerts/new',
    { 'title': TITLE, 'body': BODY, priority, 'areaIds[]': [areaId] },
    { action: '/staff/alerts' }
  )
  const alertId = Number(/\/staff\/alerts\/(\d+)/.exec(review.url)?.[1])
  const sent = await sender.post(`/staff/alerts/${alertId}/send`)
  if (!sent.text.includes('Sending has started.')) throw new Error('The alert was not sent')
  return alertId
}

async function sendsDone() {
  await queueFinished('dispatch')
  await queueFinished('send-email')
}

test.group('Translation plugin: alerts translated once per language', (group) => {
  group.each.setup(async () => {
    await emptyQueues()
    return emptyTablesAfterwards()
  })

  test('1,000 residents in 3 languages cause exactly one translation call per language, and each gets their own', async ({
    assert,
    cleanup,
  }) => {
    const api = await startFake(cleanup)
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    const { disable } = await enableTranslation(organisation, api)
    cleanup(disable)
    const emails = await manyResidents([central.id, central.parentId!], organisation.id, {
      pl: 334,
      ro: 333,
      ur: 333,
    })
    const english = await createResident(central, [organisation])
    const sender = await signInStaff(await createStaff(organisation, 'admin'))

    const alertId = await composeAndSend(sender, central.id)
    cleanup(sendsDone)
    const everyone = [...emails.pl, ...emails.ro, ...emails.ur]
    await eventually(async () => {
      const count = smtpSink.pairCount(alertId, everyone)
      assert.deepEqual(
        { lost: count.lost, duplicated: count.duplicated },
        { lost: 0, duplicated: 0 }
      )
    }, 90_000)
    await sendsDone()

    const calls = api.translateCalls
    assert.sameMembers(
      calls.map((call) => call.target),
      ['pl', 'ro', 'ur'],
      'one call per language, never per resident'
    )
    for (const call of calls) {
      assert.equal(call.format, 'html')
      assert.equal(call.q.filter((text) => text === TITLE).length, 1, 'the title once a call')
      assert.equal(call.q.filter((text) => text.includes('lock sheds')).length, 1, 'the body once')
      assert.include(call.q, 'Unsubscribe from all alerts', 'the fixed footer texts too')
    }

    const polish = smtpSink.mailTo(emails.pl[0])[0]
    assert.include(polish.subject, `PL ${TITLE}`)
    assert.include(polish.html, '<strong>PL lock sheds</strong>', 'emphasis survives')
    assert.include(polish.html, 'href="https://police.example.org/report"', 'the link survives')
    assert.include(polish.html, 'PL This alert was translated from English by machine.')
    assert.include(
      polish.html,
      `href="${new URL('/my-alerts/received', process.env.APP_URL).href}"`,
      'a link to the English'
    )
    assert.include(polish.text, 'PL Unsubscribe from all alerts')
    assert.match(polish.html, /<html lang="pl" dir="ltr">/)

    const urdu = smtpSink.mailTo(emails.ur[10])[0]
    assert.match(urdu.html, /<html lang="ur" dir="rtl">/)
    assert.include(urdu.subject, `${MARKS.ur} ${TITLE}`)
    assert.include(urdu.html, `${MARKS.ur} Unsubscribe from all alerts`)

    const inEnglish = await smtpSink.waitForMail(english.email!)
    assert.include(inEnglish.subject, TITLE)
    assert.notInclude(inEnglish.subject, 'PL')
    assert.match(inEnglish.html, /<html lang="en" dir="ltr">/)

    const page = await sender.get(`/staff/alerts/${alertId}`)
    assert.include(page.text, 'Machine translated, not checked')
    assert.notInclude(page.text, 'translation-warning')
  }).timeout(120_000)

  test('a language whose translation fails gets the English, after the retries, and staff see why', async ({
    assert,
    cleanup,
  }) => {
    const api = await startFake(cleanup)
    api.failing.add('ro')
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    const { disable } = await enableTranslation(organisation, api)
    cleanup(disable)
    const polish = await createResident(central, [organisation], { language: 'pl' })
    const romanian = await createResident(central, [organisation], { language: 'ro' })
    const sender = await signInStaff(await createStaff(organisation, 'admin'))

    const alertId = await composeAndSend(sender, central.id)
    cleanup(sendsDone)
    const mail = await smtpSink.waitForMail(romanian.email!)
    assert.include(mail.subject, TITLE)
    assert.notInclude(mail.subject, 'RO')
    assert.match(mail.html, /<html lang="en"/)
    assert.include((await smtpSink.waitForMail(polish.email!)).subject, `PL ${TITLE}`)
    await sendsDone()

    const tries = api.translateCalls.filter((call) => call.target === 'ro')
    assert.lengthOf(tries, 3, 'a failing language is tried three times, no more')

    const page = await sender.get(`/staff/alerts/${alertId}`)
    assert.include(page.text, 'id="translation-warning"')
    assert.include(
      page.text,
      'Google Translate had a problem (it answered 500). Residents who chose Romanian get the English alert.'
    )
  }).timeout(60_000)

  test('an organisation that sends only checked translations sends the English, and says why', async ({
    assert,
    cleanup,
  }) => {
    const api = await startFake(cleanup)
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    const { disable } = await enableTranslation(organisation, api, { unreviewed: 'urgent' })
    cleanup(disable)
    const polish = await createResident(central, [organisation], { language: 'pl' })
    const sender = await signInStaff(await createStaff(organisation, 'admin'))

    const alertId = await composeAndSend(sender, central.id, 3)
    cleanup(sendsDone)
    const mail = await smtpSink.waitForMail(polish.email!)
    assert.notInclude(mail.subject, 'PL')
    const page = await sender.get(`/staff/alerts/${alertId}`)
    assert.include(
      page.text,
      'Nobody checked the Polish translation, and your organisation sends unchecked translations only with urgent alerts and emergencies'
    )
  }).timeout(60_000)

  test('a language Google refuses, or one no longer offered, gets the English and a clear warning', async ({
    assert,
    cleanup,
  }) => {
    const api = await startFake(cleanup)
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    // German is listed, but the (fake) API refuses it as a target, as Google refuses one it lacks.
    const { disable } = await enableTranslation(organisation, api, { languages: 'pl, de' })
    cleanup(disable)
    const german = await createResident(central, [organisation], { language: 'de' })
    const welsh = await createResident(central, [organisation], { language: 'cy' })
    const sender = await signInStaff(await createStaff(organisation, 'admin'))

    const alertId = await composeAndSend(sender, central.id)
    cleanup(sendsDone)
    for (const resident of [german, welsh]) {
      const mail = await smtpSink.waitForMail(resident.email!)
      assert.equal(mail.subject, `[Warning] ${TITLE}`)
    }
    await sendsDone()
    assert.lengthOf(
      api.translateCalls.filter((call) => call.target === 'de'),
      1,
      'a refusal is not tried again'
    )
    const page = (await sender.get(`/staff/alerts/${alertId}`)).text.replace(/\s+/g, ' ')
    assert.include(
      page,
      'Google Translate does not translate into “de”: remove it from the languages residents may choose. Residents who chose German get the English alert.'
    )
    assert.include(
      page,
      '“cy” is not among the languages set for translation (Settings → Plugins → Translation), so it was not translated. Residents who chose Welsh get the English alert.'
    )
  }).timeout(60_000)
})
