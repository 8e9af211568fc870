import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { eventually } from '#tests/helpers/eventually'
import { emptyQueues } from '#tests/helpers/queues'
import { createOrganisation, createResident, createStaff, seedAreas } from '#tests/helpers/fixtures'
import { signInStaff } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import { BrowserLikeSession } from '#tests/helpers/http'
import { FakeTwilioMessages } from '#tests/helpers/fake_twilio_messages'
import { countSms } from '#contracts/sms_segments'
import { formAction, ratingsOf } from '#tests/helpers/rating_fixtures'
import { FakeNotify } from '../helpers/fake_notify.js'
import { notifyValues, setUpSms, twilioValues } from '../helpers/sms_setup.js'

const APP_URL = new BrowserLikeSession().baseUrl
const SHORT_LINK = new RegExp(`\\nRate this alert: (${APP_URL}/r/([A-Za-z0-9]{10}))$`)

async function sendAlert(organisation: any, areaId: number, title: string, body: string) {
  const sender = await signInStaff(await createStaff(organisation, 'sender'))
  const review = await sender.submit(
    '/staff/alerts/new',
    { 'title': title, 'body': body, 'priority': 4, 'areaIds[]': [areaId] },
    { action: '/staff/alerts' }
  )
  const alertId = Number(/\/staff\/alerts\/(\d+)/.exec(review.url)?.[1])
  const sent = await sender.post(`/staff/alerts/${alertId}/send`)
  if (!sent.text.includes('Sending has started.')) throw new Error(sent.text.slice(0, 3000))
  return alertId
}

test.group('SMS plugin: short rating links', (group) => {
  let twilio: FakeTwilioMessages
  let notify: FakeNotify
  group.each.setup(async () => {
    await emptyQueues()
    twilio = await new FakeTwilioMessages().start()
    notify = await new FakeNotify().start()
    const empty = await emptyTablesAfterwards()
    return async () => {
      await twilio.stop()
      await notify.stop()
      await empty()
    }
  })

  test('the text ends with a short link that opens the rating page; only the button records; forged and expired codes say why', async ({
    assert,
    cleanup,
  }) => {
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    const resident = await createResident(central, [organisation], {
      email: null,
      phone: '+447700900811',
    })
    await setUpSms(organisation, twilioValues(twilio), cleanup)
    const alertId = await sendAlert(organisation, central.id, 'Flooding', 'Avoid Mill Lane.')
    await eventually(async () => assert.lengthOf(twilio.messages, 1))
    const text = twilio.messages[0].body
    const [, shortUrl, code] = SHORT_LINK.exec(text) ?? []
    assert.exists(shortUrl, `a short link at the end of: ${text}`)
    assert.equal(countSms(text).segments, 1, 'it fits in the one part the alert takes')
    assert.include(text, 'Flooding\nAvoid Mill Lane.')

    const browser = new BrowserLikeSession()
    const page = await browser.get(shortUrl)
    assert.equal(page.status, 200)
    assert.include(page.text, 'Rate this alert')
    assert.include(new URL(page.url).pathname, `/alerts/${alertId}/ratings/${resident.id}/`)
    assert.lengthOf(await ratingsOf(resident.id), 0, 'opening the link records nothing')
    const rated = await browser.post(formAction(page.text), { rating: 'useful' })
    assert.include(rated.text, 'Thank you: you rated this alert “Useful”.')
    assert.deepEqual(await ratingsOf(resident.id), [{ rating: 'useful', comment: null }])

    // One letter changed: no such link.
    const forgedCode = code.slice(0, -1) + (code.endsWith('a') ? 'b' : 'a')
    const forged = await new BrowserLikeSession().get(`/r/${forgedCode}`)
    assert.equal(forged.status, 404)
    assert.include(forged.text, 'This link is not valid')
    const nonsense = await new BrowserLikeSession().get('/r/%3Cscript%3E')
    assert.equal(nonsense.status, 404)
    assert.include(nonsense.text, 'This link is not valid')

    await db.from('rating_short_links').where('code', code).update({ expires_on: '2020-01-31' })
    const expired = await new BrowserLikeSession().get(shortUrl)
    assert.equal(expired.status, 410)
    assert.include(expired.text, 'This link has expired')
    assert.deepEqual(await ratingsOf(resident.id), [{ rating: 'useful', comment: null }])
  }).timeout(120_000)

  test('through Notify too; a link that would cost another part is left out', async ({
    assert,
    cleanup,
  }) => {
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    await createResident(central, [organisation], { email: null, phone: '+447700900812' })
    await setUpSms(organisation, notifyValues(notify), cleanup)

    await sendAlert(organisation, central.id, 'Flooding', 'Avoid Mill Lane.')
    await eventually(async () => assert.lengthOf(notify.sent, 1))
    const short = notify.sent[0].personalisation.body
    const [, shortUrl] = SHORT_LINK.exec(short) ?? []
    assert.exists(shortUrl, `a short link at the end of: ${short}`)
    assert.include((await new BrowserLikeSession().get(shortUrl)).text, 'Rate this alert')

    // 70 characters of body leave the text's one part too little room for the link.
    const body = 'Water is over the road at the ford. Use the bridge on Station Road ok.'
    await sendAlert(organisation, central.id, 'Flooding again', body)
    await eventually(async () => assert.lengthOf(notify.sent, 2))
    const full = notify.sent[1].personalisation.body
    assert.include(full, body)
    assert.notInclude(full, '/r/')
    assert.equal(countSms(full).segments, 1)
    const withLink = `${full}\nRate this alert: ${APP_URL}/r/ABCDEFGHJK`
    assert.equal(countSms(withLink).segments, 2, 'the link would have made it two parts')
  }).timeout(120_000)
})
