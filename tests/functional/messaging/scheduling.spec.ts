import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import Alert from '#models/messaging/alert'
import AuditLog from '#models/platform/audit_log'
import type Organisation from '#models/platform/organisation'
import type User from '#models/platform/user'
import type Area from '#models/areas/area'
import AlertScheduling from '#services/messaging/alert_scheduling'
import { LONDON } from '#services/platform/infrastructure/london_time'
import { sqlTime } from '#services/platform/infrastructure/sql_time'
import { exampleScheduleDate } from '#validators/messaging/alert_schedule'
import { smtpSink } from '#tests/helpers/smtp_sink'
import { eventually } from '#tests/helpers/eventually'
import {
  countRows,
  createOrganisation,
  createResident,
  createStaff,
  seedAreas,
} from '#tests/helpers/fixtures'
import { signInStaff } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'

function draft(organisation: Organisation, author: User, ward: Area, title = 'Road closure') {
  return Alert.create({
    organisationId: organisation.id,
    authorId: author.id,
    title,
    body: 'The high street is closed on Saturday.',
    priority: 2,
    status: 'draft',
    isPublic: false,
    criteria: { areaIds: [ward.id] },
  })
}

/** The next last Sunday of the month (3 = March, 10 = October) still ahead. */
function nextClockChange(month: 3 | 10) {
  for (let year = DateTime.now().year; ; year++) {
    const lastDay = DateTime.fromObject({ year, month }, { zone: LONDON }).endOf('month')
    const sunday = lastDay.minus({ days: lastDay.weekday % 7 }).startOf('day')
    if (sunday > DateTime.now().plus({ days: 1 })) return sunday
  }
}

/** The next such day at least a day ahead, so that 09:00 on it is in the future and within a year. */
function nextDate(month: number, day: number) {
  const now = DateTime.now().setZone(LONDON)
  const thisYear = DateTime.fromObject({ year: now.year, month, day }, { zone: LONDON })
  return thisYear > now.plus({ days: 1 }) ? thisYear : thisYear.plus({ years: 1 })
}

async function countAudit(action: string) {
  return (await AuditLog.query().where('action', action)).length
}

test.group('Scheduling', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('a time in the past, a date that does not exist and a malformed time are refused', async ({
    assert,
  }) => {
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    const sender = await createStaff(organisation, 'sender')
    await createResident(central, [organisation])
    const alert = await draft(organisation, sender, central)
    const browser = await signInStaff(sender)
    const form = `/staff/alerts/${alert.id}`
    const action = `/staff/alerts/${alert.id}/schedule`

    const yesterday = DateTime.now().setZone(LONDON).minus({ days: 1 })
    const past = await browser.submit(
      form,
      { day: yesterday.day, month: yesterday.month, year: yesterday.year, time: '10:00' },
      { action }
    )
    assert.include(past.text, 'The time must be in the future. It is now')
    assert.include(past.text, 'There is a problem')
    assert.include(past.text, `value="${yesterday.day}"`)

    const empty = await browser.submit(form, {}, { action })
    assert.include(
      empty.text,
      `Enter the day, month and year, for example ${exampleScheduleDate()}`
    )
    assert.include(empty.text, 'Enter the time, for example 09:30 or 17:45')

    const unreal = await browser.submit(
      form,
      { day: 31, month: 2, year: DateTime.now().year + 1, time: '25:00' },
      { action }
    )
    assert.include(unreal.text, 'Enter the time on the 24-hour clock, for example 09:30 or 17:45')
    const february = await browser.submit(
      form,
      { day: 31, month: 2, year: DateTime.now().year + 1, time: '09:00' },
      { action }
    )
    assert.include(february.text, `Enter a real date, for example ${exampleScheduleDate()}`)

    const far = DateTime.now().plus({ years: 2 })
    const tooFar = await browser.submit(
      form,
      { day: far.day, month: far.month, year: far.year, time: '09:00' },
      { action }
    )
    assert.include(tooFar.text, 'Choose a time within the next 12 months')

    await alert.refresh()
    assert.equal(alert.status, 'draft')
    assert.isNull(alert.scheduledAt)
  })

  test('01:30 on the morning the clocks go forward does not exist and is refused', async ({
    assert,
  }) => {
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    const sender = await createStaff(organisation, 'sender')
    await createResident(central, [organisation])
    const alert = await draft(organisation, sender, central)
    const browser = await signInStaff(sender)
    const spring = nextClockChange(3)
    const page = await browser.submit(
      `/staff/alerts/${alert.id}`,
      { day: spring.day, month: 3, year: spring.year, time: '01:30' },
      { action: `/staff/alerts/${alert.id}/schedule` }
    )
    assert.include(
      page.text,
      `01:30 does not exist on Sunday ${spring.day} March ${spring.year}: the clocks go forward an hour at 01:00. Choose a time before 01:00 or from 02:00`
    )
    await alert.refresh()
    assert.equal(alert.status, 'draft')
  })

  test('01:30 on the morning the clocks go back is the first 01:30 (BST), and the page says so', async ({
    assert,
  }) => {
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    const sender = await createStaff(organisation, 'sender')
    await createResident(central, [organisation])
    const alert = await draft(organisation, sender, central)
    const browser = await signInStaff(sender)
    const autumn = nextClockChange(10)
    const page = await browser.submit(
      `/staff/alerts/${alert.id}`,
      { day: autumn.day, month: 10, year: autumn.year, time: '1.30' },
      { action: `/staff/alerts/${alert.id}/schedule` }
    )
    assert.include(page.text, 'happens twice: the alert will go at the first 01:30 (BST)')
    assert.include(page.text, `Sunday ${autumn.day} October ${autumn.year} at 01:30 BST`)
    await alert.refresh()
    assert.equal(alert.status, 'scheduled')
    assert.equal(
      alert.scheduledAt!.toUTC().toISO(),
      DateTime.fromObject(
        { year: autumn.year, month: 10, day: autumn.day, hour: 0, minute: 30 },
        { zone: 'utc' }
      ).toISO()
    )
  })

  test('a scheduled alert shows its UK time with GMT or BST, and its schedule can be cancelled', async ({
    assert,
  }) => {
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    const sender = await createStaff(organisation, 'sender')
    await createResident(central, [organisation])
    const alert = await draft(organisation, sender, central)
    const browser = await signInStaff(sender)
    const january = nextDate(1, 15)

    const winter = await browser.submit(
      `/staff/alerts/${alert.id}`,
      { day: 15, month: 1, year: january.year, time: '09:00' },
      { action: `/staff/alerts/${alert.id}/schedule` }
    )
    assert.include(
      winter.text,
      `The alert will be sent on ${january.toFormat('cccc')} 15 January ${january.year} at 09:00 GMT.`
    )
    assert.include(winter.text, 'This alert will be sent on')
    assert.include(winter.text, 'Cancel scheduled send')
    assert.notInclude(winter.text, 'Send alert now')
    await alert.refresh()
    assert.equal(alert.status, 'scheduled')
    assert.equal(alert.scheduledAt!.toUTC().toFormat('HH:mm'), '09:00')

    const confirm = await browser.get(`/staff/alerts/${alert.id}/schedule/cancel`)
    assert.include(confirm.text, 'Cancel the scheduled send of “Road closure”?')
    assert.include(confirm.text, `at 09:00 GMT`)
    assert.equal((await Alert.findOrFail(alert.id)).status, 'scheduled')
    const cancelled = await browser.post(`/staff/alerts/${alert.id}/schedule/cancel`)
    assert.include(cancelled.text, 'was cancelled. The alert is draft again and nothing was sent.')
    assert.include(cancelled.text, 'Scheduled send cancelled')
    await alert.refresh()
    assert.equal(alert.status, 'draft')
    assert.isNull(alert.scheduledAt)
    assert.equal(await countAudit('alert.schedule_cancelled'), 1)

    const again = await browser.post(`/staff/alerts/${alert.id}/schedule/cancel`)
    assert.include(again.text, 'There is no scheduled send to cancel: the alert is draft.')

    const july = await browser.submit(
      `/staff/alerts/${alert.id}`,
      { day: 1, month: 7, year: nextDate(7, 1).year, time: '09:00' },
      { action: `/staff/alerts/${alert.id}/schedule` }
    )
    assert.include(july.text, 'at 09:00 BST')
    await alert.refresh()
    assert.equal(alert.scheduledAt!.toUTC().toFormat('HH:mm'), '08:00')
    assert.equal(await countAudit('alert.scheduled'), 2)
    assert.equal(await countRows('deliveries'), 0)
  })

  test('in an approval organisation only an approved alert is scheduled, and cancelling keeps it approved', async ({
    assert,
  }) => {
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    organisation.requiresApproval = true
    await organisation.save()
    const sender = await createStaff(organisation, 'sender')
    const approver = await createStaff(organisation, 'approver')
    await createResident(central, [organisation])
    const alert = await draft(organisation, sender, central)
    const browser = await signInStaff(sender)
    const fields = { day: 15, month: 1, year: nextDate(1, 15).year, time: '09:00' }
    const action = `/staff/alerts/${alert.id}/schedule`

    const refused = await browser.submit(`/staff/alerts/${alert.id}`, fields, { action })
    assert.include(
      refused.text,
      'Your organisation needs alerts approved before they are sent or scheduled.'
    )
    await alert.refresh()
    assert.equal(alert.status, 'draft')

    await browser.post(`/staff/alerts/${alert.id}/submit`)
    await (await signInStaff(approver)).post(`/staff/alerts/${alert.id}/approve`)
    await browser.submit(`/staff/alerts/${alert.id}`, fields, { action })
    await alert.refresh()
    assert.equal(alert.status, 'scheduled')
    await browser.get(`/staff/alerts/${alert.id}/schedule/cancel`)
    const cancelled = await browser.post(`/staff/alerts/${alert.id}/schedule/cancel`)
    assert.include(cancelled.text, 'The alert is approved again')
    await alert.refresh()
    assert.equal(alert.status, 'approved')
  })

  test('staff of another organisation cannot schedule or cancel', async ({ assert }) => {
    const { central } = await seedAreas()
    const organisation = await createOrganisation('Police')
    const other = await createOrganisation('Fire')
    const sender = await createStaff(organisation, 'sender')
    const alert = await draft(organisation, sender, central)
    const outsider = await signInStaff(await createStaff(other, 'admin'))
    const scheduled = await outsider.post(`/staff/alerts/${alert.id}/schedule`, {
      day: 15,
      month: 1,
      year: nextDate(1, 15).year,
      time: '09:00',
    })
    assert.equal(scheduled.status, 403)
    assert.equal((await outsider.get(`/staff/alerts/${alert.id}/schedule/cancel`)).status, 403)
    await alert.refresh()
    assert.equal(alert.status, 'draft')
  })
})

test.group('Scheduled sends', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  async function dueAlert(ward: Area, organisation: Organisation, author: User, title: string) {
    const alert = await draft(organisation, author, ward, title)
    await db
      .from('alerts')
      .where('id', alert.id)
      .update({ status: 'scheduled', scheduled_at: sqlTime(DateTime.now().minus({ seconds: 5 })) })
    return alert
  }

  test('a due scheduled alert starts exactly once when two workers check at the same time', async ({
    assert,
  }) => {
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    const sender = await createStaff(organisation, 'sender')
    const residents = [
      await createResident(central, [organisation]),
      await createResident(central, [organisation]),
    ]
    const alert = await dueAlert(central, organisation, sender, 'Due once')

    const results = await Promise.all([
      AlertScheduling.startDue(),
      AlertScheduling.startDue(),
      AlertScheduling.startIfDue(alert.id),
    ])
    assert.equal(Number(results[0]) + Number(results[1]) + Number(results[2]), 1)
    assert.equal(await countAudit('alert.schedule_started'), 1)

    await eventually(async () => {
      await alert.refresh()
      assert.equal(alert.status, 'sent')
    })
    for (const resident of residents) {
      await smtpSink.waitForMail(resident.email!, (mail) => mail.subject.includes('Due once'))
      assert.lengthOf(
        smtpSink.mailTo(resident.email!).filter((mail) => mail.subject.includes('Due once')),
        1
      )
    }
    assert.equal(await countRows('deliveries'), 2)
    assert.isFalse(await AlertScheduling.startIfDue(alert.id))
  })

  test('a scheduled alert with nobody to reach at its time is not sent, and the page says why', async ({
    assert,
  }) => {
    const { abbey } = await seedAreas()
    const organisation = await createOrganisation()
    const sender = await createStaff(organisation, 'sender')
    const alert = await dueAlert(abbey, organisation, sender, 'Nobody there')

    assert.equal(await AlertScheduling.startDue(), 0)
    await alert.refresh()
    assert.equal(alert.status, 'draft')
    assert.isNull(alert.scheduledAt)
    assert.include(alert.statusReason!, 'did not go: No confirmed resident matches this target')
    assert.equal(await countAudit('alert.schedule_failed'), 1)
    assert.equal(await countRows('deliveries'), 0)

    const page = await (await signInStaff(sender)).get(`/staff/alerts/${alert.id}`)
    assert.include(
      page.text,
      'did not go: No confirmed resident matches this target, so the alert was not sent.'
    )
    assert.include(page.text, 'Scheduled send did not go')
  })

  test('an unapproved scheduled alert does not go once the organisation needs approval', async ({
    assert,
  }) => {
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    const sender = await createStaff(organisation, 'sender')
    await createResident(central, [organisation])
    const alert = await dueAlert(central, organisation, sender, 'Before approval')
    organisation.requiresApproval = true
    await organisation.save()

    assert.equal(await AlertScheduling.startDue(), 0)
    await alert.refresh()
    assert.equal(alert.status, 'draft')
    assert.include(alert.statusReason!, 'now needs alerts approved')
    assert.equal(await countRows('deliveries'), 0)
  })

  test('the delayed job starts the send at its time', async ({ assert }) => {
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    const sender = await createStaff(organisation, 'sender')
    const resident = await createResident(central, [organisation])
    const alert = await draft(organisation, sender, central, 'On the dot')
    const at = DateTime.now().plus({ seconds: 2 })
    await db
      .from('alerts')
      .where('id', alert.id)
      .update({ status: 'scheduled', scheduled_at: sqlTime(at) })
    await AlertScheduling.enqueue(alert.id, at)

    const mail = await smtpSink.waitForMail(resident.email!, (received) =>
      received.subject.includes('On the dot')
    )
    assert.isAtLeast(Date.now(), at.toMillis() - 1000)
    assert.equal(mail.subject, '[Advice] On the dot')
    assert.equal(await countAudit('alert.schedule_started'), 1)
  })
})
