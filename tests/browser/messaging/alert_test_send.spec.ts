import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import limiter from '@adonisjs/limiter/services/main'
import Alert from '#models/messaging/alert'
import { sendQueueOf } from '#services/platform/infrastructure/queue'
import { createOrganisation, createResident, createStaff, seedAreas } from '#tests/helpers/fixtures'
import { signInStaffInBrowser } from '#tests/helpers/staff_session'
import { assertAccessible } from '#tests/helpers/accessibility'
import { smtpSink } from '#tests/helpers/smtp_sink'
import { queueFinished } from '#tests/helpers/queues'
import { emptyTablesAfterwards } from '#tests/helpers/database'

test.group('Before sending an alert', (group) => {
  group.each.setup(() => emptyTablesAfterwards())
  group.each.setup(() => limiter.clear())

  test('a sender sends a test to themselves, sees who it reaches, and confirms the warnings to send', async ({
    visit,
    assert,
  }) => {
    const { central, skirbeck } = await seedAreas()
    const organisation = await createOrganisation('Lincolnshire Fire')
    // Office hours that leave out this hour, whatever the day, and a low limit: both warnings.
    const hour = DateTime.now().setZone('Europe/London').hour
    organisation.merge({
      officeHoursFrom: hour <= 22 ? hour + 1 : 0,
      officeHoursTo: hour <= 22 ? 24 : 23,
      largeAudienceWarning: 1,
    })
    await organisation.save()
    const residents = [
      await createResident(central, [organisation]),
      await createResident(skirbeck, [organisation]),
    ]
    const sender = await createStaff(organisation, 'sender')

    const page = await visit('/staff/login')
    await signInStaffInBrowser(page, sender)
    await page.getByRole('link', { name: 'New alert', exact: true }).first().click()
    await page.getByLabel('Title').fill('Grass fire near Skirbeck')
    await page.getByLabel('Alert text').fill('Keep windows **closed** this afternoon.')
    await page.getByLabel('3 – Warning').check()
    await page.getByText('Wards in Boston').click()
    await page.getByLabel('Central', { exact: true }).check()
    await page.getByLabel('Skirbeck', { exact: true }).check()
    await page.getByRole('button', { name: 'Continue' }).click()

    await page.assertTextContains('#audience-by-channel [data-channel="email"] td', '2')
    await page.assertTextContains('#audience-by-area [data-area="Central"] td', '1')
    await page.assertTextContains('#audience-by-area [data-area="Skirbeck"] td', '1')
    await assertAccessible(page)

    await page.getByRole('button', { name: 'Send a test to me' }).click()
    await page.assertTextContains(
      '.govuk-notification-banner',
      `A test was sent to ${sender.email}`
    )
    const mail = await smtpSink.waitForMail(sender.email, (received) =>
      received.subject.includes('[TEST] Grass fire near Skirbeck')
    )
    assert.include(mail.text, 'No resident received it, and the alert has not been sent.')
    await page.assertTextContains('#alert-status', 'draft')
    for (const resident of residents) assert.lengthOf(smtpSink.mailTo(resident.email!), 0)

    // Sending asks first, and says why.
    await page.assertTextContains('#send-warnings', 'outside Lincolnshire Fire’s office hours')
    await page.assertTextContains('#send-warnings', 'This alert goes to 2 residents')
    await page.getByRole('button', { name: 'Send alert now' }).click()
    await page.assertTextContains('.govuk-notification-banner', 'Not sent: read the warnings')
    await page.assertTextContains('#alert-status', 'draft')
    await page.getByLabel('I have read the warnings and want to send it now').check()
    await page.getByRole('button', { name: 'Send alert now' }).click()
    await page.assertTextContains('.govuk-notification-banner', 'Sending has started.')
    await queueFinished(sendQueueOf('email'))
    for (const resident of residents) await smtpSink.waitForMail(resident.email!)
    const alert = await Alert.findByOrFail('title', 'Grass fire near Skirbeck')
    assert.notEqual(alert.status, 'draft')
  })
})
