import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { eventually } from '#tests/helpers/eventually'
import { BrowserLikeSession } from '#tests/helpers/http'
import { countSms } from '#contracts/sms_segments'
import { formAction, ratingsOf } from '#tests/helpers/rating_fixtures'
import { notifyValues, setUpSms, twilioValues } from '../helpers/sms_setup.js'
import { fakeSmsProvidersEach, textingWorld, sendAlertToArea } from '../helpers/sms_alerts.js'

const APP_URL = new BrowserLikeSession().baseUrl
const SHORT_LINK = new RegExp(`\\nRate this alert: (${APP_URL}/r/([A-Za-z0-9]{10}))$`)

test.group('SMS plugin: short rating links', (group) => {
  const providers = fakeSmsProvidersEach(group)

  test('the text ends with a short link that opens the rating page; only the button records; forged and expired codes say why', async ({
    assert,
    cleanup,
  }) => {
    const { central, organisation, texter } = await textingWorld()
    const resident = await texter('+447700900811')
    await setUpSms(organisation, twilioValues(providers.twilio), cleanup)
    const alertId = await sendAlertToArea(organisation, central.id, 'Flooding', 'Avoid Mill Lane.')
    await eventually(async () => assert.lengthOf(providers.twilio.messages, 1))
    const text = providers.twilio.messages[0].body
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
    const { central, organisation, texter } = await textingWorld()
    await texter('+447700900812')
    await setUpSms(organisation, notifyValues(providers.notify), cleanup)

    await sendAlertToArea(organisation, central.id, 'Flooding', 'Avoid Mill Lane.')
    await eventually(async () => assert.lengthOf(providers.notify.sent, 1))
    const short = providers.notify.sent[0].personalisation.body
    const [, shortUrl] = SHORT_LINK.exec(short) ?? []
    assert.exists(shortUrl, `a short link at the end of: ${short}`)
    assert.include((await new BrowserLikeSession().get(shortUrl)).text, 'Rate this alert')

    // 70 characters of body leave the text's one part too little room for the link.
    const body = 'Water is over the road at the ford. Use the bridge on Station Road ok.'
    await sendAlertToArea(organisation, central.id, 'Flooding again', body)
    await eventually(async () => assert.lengthOf(providers.notify.sent, 2))
    const full = providers.notify.sent[1].personalisation.body
    assert.include(full, body)
    assert.notInclude(full, '/r/')
    assert.equal(countSms(full).segments, 1)
    const withLink = `${full}\nRate this alert: ${APP_URL}/r/ABCDEFGHJK`
    assert.equal(countSms(withLink).segments, 2, 'the link would have made it two parts')
  }).timeout(120_000)
})
