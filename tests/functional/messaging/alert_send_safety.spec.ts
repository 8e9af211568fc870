import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import limiter from '@adonisjs/limiter/services/main'
import Alert from '#models/messaging/alert'
import AuditLog from '#models/platform/audit_log'
import type Organisation from '#models/platform/organisation'
import type Area from '#models/areas/area'
import AlertSendWarnings from '#services/messaging/alert_send_warnings'
import { sendQueueOf } from '#services/platform/infrastructure/queue'
import {
  countRows,
  createOrganisation,
  createResident,
  createStaff,
  seedAreas,
} from '#tests/helpers/fixtures'
import { signInStaff } from '#tests/helpers/staff_session'
import { smtpSink } from '#tests/helpers/smtp_sink'
import { queueFinished } from '#tests/helpers/queues'
import { emptyTablesAfterwards } from '#tests/helpers/database'

async function draftTo(organisation: Organisation, authorId: number, areas: Area[]) {
  return Alert.create({
    organisationId: organisation.id,
    authorId,
    title: 'Water main burst on the High Street',
    body: 'Avoid the High Street until **6pm**.',
    priority: 2,
    status: 'draft',
    criteria: { areaIds: areas.map((area) => area.id) },
  })
}

/** Office hours that leave out this hour, whatever the day: a warning now, deterministically. */
function hoursExcludingNow() {
  const hour = DateTime.now().setZone('Europe/London').hour
  return hour <= 22
    ? { officeHoursFrom: hour + 1, officeHoursTo: 24 }
    : { officeHoursFrom: 0, officeHoursTo: 23 }
}

test.group('An alert’s page: “Send a test to me”', (group) => {
  group.each.setup(() => emptyTablesAfterwards())
  group.each.setup(() => limiter.clear())

  test('the sender gets the alert by email, marked as a test; nobody else does and nothing changes', async ({
    assert,
  }) => {
    const { central } = await seedAreas()
    const organisation = await createOrganisation('Lincolnshire Fire')
    const resident = await createResident(central, [organisation])
    const member = await createStaff(organisation, 'sender')
    const alert = await draftTo(organisation, member.id, [central])
    const browser = await signInStaff(member)

    const page = await browser.get(`/staff/alerts/${alert.id}`)
    assert.include(page.text, 'Send a test to me')
    const sent = await browser.post(`/staff/alerts/${alert.id}/test`)
    assert.include(sent.text, `A test was sent to ${member.email}. No resident received it.`)

    const mail = await smtpSink.waitForMail(member.email, (received) =>
      received.subject.includes('[TEST] Water main burst')
    )
    assert.include(mail.text, 'This is a test, sent to you alone')
    assert.include(mail.text, 'Avoid the High Street until')
    assert.include(mail.html, 'Lincolnshire Fire')
    await alert.refresh()
    assert.equal(alert.status, 'draft')
    assert.equal(await countRows('deliveries'), 0)
    assert.lengthOf(smtpSink.mailTo(resident.email!), 0)
  })

  test('tests are limited per member of staff, and analysts may not send them', async ({
    assert,
  }) => {
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    await createResident(central, [organisation])
    const member = await createStaff(organisation, 'sender')
    const alert = await draftTo(organisation, member.id, [central])
    const browser = await signInStaff(member)
    for (let attempt = 1; attempt <= 5; attempt++) {
      const sent = await browser.post(`/staff/alerts/${alert.id}/test`)
      assert.include(sent.text, 'A test was sent to', `test ${attempt}`)
    }
    const refused = await browser.post(`/staff/alerts/${alert.id}/test`)
    assert.include(refused.text, 'Not sent: you have sent 5 tests in the last 10 minutes.')

    const analyst = await signInStaff(await createStaff(organisation, 'analyst'))
    assert.notInclude((await analyst.get(`/staff/alerts/${alert.id}`)).text, 'Send a test to me')
    assert.equal((await analyst.post(`/staff/alerts/${alert.id}/test`)).status, 403)
    const other = await signInStaff(await createStaff(await createOrganisation('Other'), 'admin'))
    assert.equal((await other.post(`/staff/alerts/${alert.id}/test`)).status, 403)
  })
})

test.group('An alert’s page: before sending', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('the audience is broken down by channel and by area', async ({ assert }) => {
    const { central, skirbeck } = await seedAreas()
    const organisation = await createOrganisation()
    await createResident(central, [organisation])
    await createResident(central, [organisation])
    await createResident(skirbeck, [organisation])
    const member = await createStaff(organisation, 'sender')
    const alert = await draftTo(organisation, member.id, [central, skirbeck])
    const page = await (await signInStaff(member)).get(`/staff/alerts/${alert.id}`)
    assert.match(page.text, /data-channel="email">\s*<th[^>]*>Email<\/th>\s*<td[^>]*>3<\/td>/)
    assert.match(page.text, /data-area="Central">\s*<th[^>]*>Central<\/th>\s*<td[^>]*>2<\/td>/)
    assert.match(page.text, /data-area="Skirbeck">\s*<th[^>]*>Skirbeck<\/th>\s*<td[^>]*>1<\/td>/)
    assert.notInclude(page.text, 'data-area="Abbey"')
    assert.include(page.text, 'This sends the alert to 3 residents straight away.')
  })

  test('out of office hours or to many residents, the sender must confirm first', async ({
    assert,
  }) => {
    const { central } = await seedAreas()
    const organisation = await createOrganisation('Lincolnshire Fire')
    organisation.merge({ ...hoursExcludingNow(), largeAudienceWarning: 1 })
    await organisation.save()
    await createResident(central, [organisation])
    await createResident(central, [organisation])
    const member = await createStaff(organisation, 'sender')
    const alert = await draftTo(organisation, member.id, [central])
    const browser = await signInStaff(member)

    const page = await browser.get(`/staff/alerts/${alert.id}`)
    assert.include(page.text, 'It is outside Lincolnshire Fire’s office hours')
    assert.include(
      page.text,
      'This alert goes to 2 residents, more than the 1 your organisation asks to be warned about.'
    )
    assert.include(page.text, 'I have read the warnings and want to send it now')

    const unconfirmed = await browser.post(`/staff/alerts/${alert.id}/send`)
    assert.include(unconfirmed.text, 'Not sent: read the warnings')
    await alert.refresh()
    assert.equal(alert.status, 'draft')
    assert.equal(await countRows('deliveries'), 0)

    const confirmed = await browser.post(`/staff/alerts/${alert.id}/send`, {
      confirmWarnings: 'yes',
    })
    assert.include(confirmed.text, 'Sending has started.')
    await queueFinished(sendQueueOf('email'))
    await alert.refresh()
    assert.notEqual(alert.status, 'draft')
  })

  test('“Send later” warns of a time outside office hours, and schedules once confirmed', async ({
    assert,
  }) => {
    const { central } = await seedAreas()
    const organisation = await createOrganisation('Rutland Fire')
    organisation.merge({ officeHoursFrom: 8, officeHoursTo: 18, largeAudienceWarning: 1000 })
    await organisation.save()
    await createResident(central, [organisation])
    const member = await createStaff(organisation, 'sender')
    const browser = await signInStaff(member)
    // The next Saturday and the next Tuesday, at 10:00 UK time.
    const next = (weekday: number) => {
      let day = DateTime.now().setZone('Europe/London').plus({ days: 1 })
      while (day.weekday !== weekday) day = day.plus({ days: 1 })
      return { day: day.day, month: day.month, year: day.year, time: '10:00' }
    }

    const weekend = await draftTo(organisation, member.id, [central])
    const action = `/staff/alerts/${weekend.id}/schedule`
    const asked = await browser.submit(`/staff/alerts/${weekend.id}`, next(6), { action })
    assert.include(asked.text, 'Not scheduled: read the warnings under “Send later”')
    assert.match(
      asked.text,
      /Saturday \d+ \w+ \d{4} at 10:00 (GMT|BST) is outside Rutland Fire’s office hours/
    )
    assert.include(asked.text, 'I have read the warning and want to send it then')
    // The time chosen is still in the form.
    assert.include(asked.text, 'value="10:00"')
    await weekend.refresh()
    assert.equal(weekend.status, 'draft')

    const confirmed = await browser.submit(
      `/staff/alerts/${weekend.id}`,
      { ...next(6), confirmWarnings: 'yes' },
      { action }
    )
    assert.include(confirmed.text, 'The alert will be sent on Saturday')
    await weekend.refresh()
    assert.equal(weekend.status, 'scheduled')

    const weekday = await draftTo(organisation, member.id, [central])
    const plain = await browser.submit(`/staff/alerts/${weekday.id}`, next(2), {
      action: `/staff/alerts/${weekday.id}/schedule`,
    })
    assert.include(plain.text, 'The alert will be sent on Tuesday')
    await weekday.refresh()
    assert.equal(weekday.status, 'scheduled')
  })

  test('in office hours and under the limit there is nothing to confirm', async ({ assert }) => {
    const organisation = await createOrganisation()
    organisation.merge({ officeHoursFrom: 8, officeHoursTo: 18, largeAudienceWarning: 1000 })
    // A Tuesday at 10:00 in summer (BST) and in winter (GMT), then the evening and a Saturday.
    const at = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/London' })
    assert.deepEqual(AlertSendWarnings.for(organisation, 1000, at('2026-07-07T10:00')), [])
    assert.deepEqual(AlertSendWarnings.for(organisation, 5, at('2026-01-06T17:59')), [])
    const keys = (now: DateTime, audience = 5) =>
      AlertSendWarnings.for(organisation, audience, now).map((warning) => warning.key)
    assert.deepEqual(keys(at('2026-01-06T18:00')), ['office_hours'])
    assert.deepEqual(keys(at('2026-07-11T10:00')), ['office_hours'])
    assert.deepEqual(keys(at('2026-07-07T10:00'), 1001), ['large_audience'])
    organisation.merge({ officeHoursFrom: null, officeHoursTo: null, largeAudienceWarning: null })
    assert.deepEqual(keys(at('2026-07-11T03:00'), 10_000), [])
  })

  test('an organisation’s admin sets the office hours and the audience to warn about', async ({
    assert,
  }) => {
    const organisation = await createOrganisation()
    const admin = await signInStaff(await createStaff(organisation, 'admin'))
    const saved = await admin.submit('/staff/settings/approval', {
      officeHoursFrom: '9',
      officeHoursTo: '17',
      largeAudienceWarning: '500',
    })
    assert.include(saved.text, 'value="9"')
    assert.include(saved.text, 'value="17"')
    assert.include(saved.text, 'value="500"')
    await organisation.refresh()
    assert.equal(organisation.largeAudienceWarning, 500)
    const audited = await AuditLog.query().where('action', 'organisation.send_warnings_changed')
    assert.lengthOf(audited, 1)

    const backwards = await admin.submit('/staff/settings/approval', {
      officeHoursFrom: '18',
      officeHoursTo: '8',
    })
    assert.include(backwards.text, 'Office hours need both a start and an end')
    const nonsense = await admin.submit('/staff/settings/approval', {
      largeAudienceWarning: 'lots',
    })
    assert.include(nonsense.text, 'Enter a whole number of residents')
    await organisation.refresh()
    assert.equal(organisation.officeHoursFrom, 9)
    assert.equal(organisation.largeAudienceWarning, 500)
  })
})
