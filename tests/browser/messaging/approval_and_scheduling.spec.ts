import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import Alert from '#models/messaging/alert'
import AlertScheduling from '#services/messaging/alert_scheduling'
import { LONDON } from '#services/platform/infrastructure/london_time'
import { sqlTime } from '#services/platform/infrastructure/sql_time'
import { smtpSink } from '#tests/helpers/smtp_sink'
import { assertAccessible } from '#tests/helpers/accessibility'
import { createOrganisation, createResident, createStaff, seedAreas } from '#tests/helpers/fixtures'
import { signInStaffInBrowser } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'

/** The next 15 January at least a day ahead: in winter, so UK time is GMT. */
function nextWinterDay() {
  const now = DateTime.now().setZone(LONDON)
  const day = DateTime.fromObject({ year: now.year, month: 1, day: 15 }, { zone: LONDON })
  return day > now.plus({ days: 1 }) ? day : day.plus({ years: 1 })
}

test.group('Approval and scheduling in the browser', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('a sender submits, an approver approves from the dashboard, schedules, cancels, and a due send goes', async ({
    visit,
    assert,
  }) => {
    const { central } = await seedAreas()
    const organisation = await createOrganisation('Lincolnshire OPCC')
    organisation.requiresApproval = true
    await organisation.save()
    const sender = await createStaff(organisation, 'sender')
    const approver = await createStaff(organisation, 'approver')
    const resident = await createResident(central, [organisation])
    const message = await Alert.create({
      organisationId: organisation.id,
      authorId: sender.id,
      title: 'Flooding on the river path',
      body: 'Avoid the river path until Friday.',
      priority: 3,
      status: 'draft',
      isPublic: false,
      criteria: { areaIds: [central.id] },
    })

    // The sender submits the draft.
    const page = await visit('/staff/login')
    await signInStaffInBrowser(page, sender)
    await page.goto(`/staff/alerts/${message.id}`)
    await page.assertTextContains('#approval-needed', 'needs alerts approved before they are sent')
    await assertAccessible(page)
    await page.getByRole('button', { name: 'Submit for approval' }).click()
    await page.assertTextContains('#alert-status', 'waiting for approval')
    await page.getByRole('button', { name: 'Sign out' }).click()

    // The approver finds it on the dashboard and approves it.
    await smtpSink.waitForMail(approver.email, (mail) => mail.subject.includes('Flooding'))
    await signInStaffInBrowser(page, approver)
    await page.goto('/staff')
    await page.assertTextContains('#awaiting-approval', 'Waiting for your approval')
    await assertAccessible(page)
    await page.getByRole('link', { name: 'Flooding on the river path' }).first().click()
    await assertAccessible(page)
    await page.getByRole('button', { name: 'Approve', exact: true }).click()
    await page.assertTextContains('#alert-status', 'approved')
    await page.assertTextContains('#review-history', 'Approved')

    // It is scheduled for a winter morning, shown in UK time, then the schedule is cancelled.
    const winter = nextWinterDay()
    await page.getByLabel('Day', { exact: true }).fill(String(winter.day))
    await page.getByLabel('Month', { exact: true }).fill(String(winter.month))
    await page.getByLabel('Year', { exact: true }).fill(String(winter.year))
    await page.getByLabel('Time', { exact: true }).fill('09:00')
    await page.getByRole('button', { name: 'Schedule' }).click()
    await page.assertTextContains('#alert-status', 'scheduled')
    await page.assertTextContains('#scheduled-for', `15 January ${winter.year} at 09:00 GMT`)
    await assertAccessible(page)
    await page.getByRole('button', { name: 'Cancel scheduled send' }).click()
    await page.assertTextContains('h1', 'Cancel the scheduled send')
    await assertAccessible(page)
    await page.getByRole('button', { name: 'Yes, cancel the scheduled send' }).click()
    await page.assertTextContains('#alert-status', 'approved')
    await page.assertTextContains('#review-history', 'Scheduled send cancelled')

    // A time in the past is refused beside the field.
    const yesterday = DateTime.now().setZone(LONDON).minus({ days: 1 })
    await page.getByLabel('Day', { exact: true }).fill(String(yesterday.day))
    await page.getByLabel('Month', { exact: true }).fill(String(yesterday.month))
    await page.getByLabel('Year', { exact: true }).fill(String(yesterday.year))
    await page.getByLabel('Time', { exact: true }).fill('09:00')
    await page.getByRole('button', { name: 'Schedule' }).click()
    await page.assertTextContains('#time-error', 'The time must be in the future')
    await assertAccessible(page)

    // Scheduled two seconds ahead, it goes on its own at its time.
    const soon = DateTime.now().plus({ seconds: 2 })
    await db
      .from('alerts')
      .where('id', message.id)
      .update({ status: 'scheduled', scheduled_at: sqlTime(soon) })
    await AlertScheduling.enqueue(message.id, soon)
    const alert = await smtpSink.waitForMail(resident.email!, (mail) =>
      mail.subject.includes('Flooding on the river path')
    )
    assert.equal(alert.subject, '[Warning] Flooding on the river path')
    await page.reload()
    await page.assertTextContains('#alert-status', 'sen')
  })

  test('an admin requires approval, and a sender starts a draft from a template', async ({
    visit,
    assert,
  }) => {
    const organisation = await createOrganisation('Lincolnshire OPCC')
    const admin = await createStaff(organisation, 'admin')

    const page = await visit('/staff/login')
    await signInStaffInBrowser(page, admin)
    await page.getByRole('link', { name: 'Approval' }).click()
    await assertAccessible(page)
    await page.getByLabel('Alerts need approval before sending').check()
    await page.getByRole('button', { name: 'Save' }).click()
    await page.assertTextContains('.govuk-notification-banner', 'Alerts now need approval')

    await page.getByRole('link', { name: 'Templates' }).click()
    await page.assertTextContains('#no-templates', 'no templates yet')
    await assertAccessible(page)
    await page.getByRole('button', { name: 'New template' }).click()
    await page.getByRole('button', { name: 'Save template' }).click()
    await page.assertTextContains('.govuk-error-summary', 'Enter a name for the template')
    await assertAccessible(page)
    await page.getByLabel('Template name').fill('Bogus caller warning')
    await page.getByLabel('Alert title').fill('Bogus callers in your area')
    await page
      .getByLabel('Alert text', { exact: true })
      .fill('Do not let in anyone you do not know.')
    await page.getByLabel('2 – Advice').check()
    await page.getByRole('button', { name: 'Save template' }).click()
    await page.assertTextContains('#templates', 'Bogus caller warning')
    await assertAccessible(page)
    await page.getByRole('button', { name: 'Use this template' }).click()
    // The draft opens where the sender chooses who it goes to (its edit page has its own tests).
    await page.assertTextContains(
      '.govuk-notification-banner',
      'A new draft was made from “Bogus caller warning”'
    )
    await assertAccessible(page)
    const draft = await Alert.query().where('title', 'Bogus callers in your area').firstOrFail()
    assert.equal(draft.status, 'draft')
    assert.deepEqual(draft.criteria.areaIds, [])
  })
})
