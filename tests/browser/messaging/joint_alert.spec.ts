import { test } from '@japa/runner'
import Alert from '#models/messaging/alert'
import { smtpSink } from '#tests/helpers/smtp_sink'
import { assertAccessible } from '#tests/helpers/accessibility'
import { createOrganisation, createResident, createStaff, seedAreas } from '#tests/helpers/fixtures'
import { signInStaffInBrowser } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'

const BOTH_NAMES = 'Northshire Police and Northshire Fire and Rescue'

test.group('Joint alerts in the browser', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('the police invite the fire service to co-sign, its approver approves, and the alert goes out once in both names', async ({
    visit,
    assert,
  }) => {
    const { central } = await seedAreas()
    const police = await createOrganisation('Northshire Police')
    const fire = await createOrganisation('Northshire Fire and Rescue')
    const sender = await createStaff(police, 'admin')
    const approver = await createStaff(fire, 'approver')
    const fireOnly = await createResident(central, [fire], { name: 'Fire only' })
    const both = await createResident(central, [police, fire], { name: 'Both' })
    const draft = await Alert.create({
      organisationId: police.id,
      authorId: sender.id,
      title: 'Smoke over Central',
      body: 'Keep windows and doors shut.',
      priority: 3,
      status: 'draft',
      isPublic: false,
      criteria: { areaIds: [central.id] },
    })

    // The police invite the fire service from the alert's page.
    const page = await visit('/staff/login')
    await signInStaffInBrowser(page, sender)
    // The composer offers co-signing too (for a new draft).
    await page.goto('/staff/alerts/new')
    await page.getByLabel('Co-sign with another organisation (optional)').selectOption({
      label: 'Northshire Fire and Rescue',
    })
    await assertAccessible(page)
    await page.goto(`/staff/alerts/${draft.id}`)
    await page.getByLabel('Invite another organisation to co-sign it').selectOption({
      label: 'Northshire Fire and Rescue',
    })
    await page.getByRole('button', { name: 'Invite to co-sign' }).click()
    await page.assertTextContains('#cosign-state', 'has not answered yet')
    await page.assertTextContains('#audience-summary', '2 residents')
    await assertAccessible(page)
    await page.getByRole('button', { name: 'Sign out' }).click()

    // The fire service's approver is told, finds the invitation and approves it.
    await smtpSink.waitForMail(approver.email, (mail) =>
      mail.subject.includes('invites you to co-sign an alert')
    )
    await signInStaffInBrowser(page, approver)
    await page.getByRole('link', { name: 'Joint alerts to co-sign' }).click()
    await assertAccessible(page)
    await page.getByRole('link', { name: 'Smoke over Central' }).click()
    await page.assertTextContains('#alert-body', 'Keep windows and doors shut.')
    await assertAccessible(page)
    await page.getByRole('button', { name: 'Approve co-signing' }).click()
    await page.assertTextContains('#cosign-answer', 'Approved')
    await page.getByRole('button', { name: 'Sign out' }).click()

    // The police send it.
    await signInStaffInBrowser(page, sender)
    await page.goto(`/staff/alerts/${draft.id}`)
    await page.assertTextContains('#cosign-state', 'approved co-signing this alert')
    await page.getByRole('button', { name: 'Send alert now' }).click()
    await page.assertTextContains('#alert-status', 'sen')
    for (const resident of [fireOnly, both]) {
      const mail = await smtpSink.waitForMail(resident.email!, (received) =>
        received.subject.includes('Smoke over Central')
      )
      assert.include(mail.text, BOTH_NAMES)
    }
  })
})
