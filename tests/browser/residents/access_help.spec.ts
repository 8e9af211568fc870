import { test } from '@japa/runner'
import env from '#start/env'
import type { Page } from 'playwright'
import AccessHelpRequest from '#models/residents/access_help_request'
import { smtpSink } from '#tests/helpers/smtp_sink'
import { assertAccessible } from '#tests/helpers/accessibility'
import { createStaff } from '#tests/helpers/fixtures'
import { residentOf, seedSelfService } from '#tests/helpers/self_service_fixtures'
import { signInStaffInBrowser } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'

/** From the sign-in page to the answer, with a mistake on the way, as a resident goes. */
async function askForHelp(page: Page, email: string, checkAccessibility = true) {
  // axe runs as a script in the page, so it cannot check a page that runs none.
  const accessible = () => (checkAccessibility ? assertAccessible(page) : Promise.resolve())
  await page.goto('/my-alerts')
  await page.getByRole('link', { name: 'Ask us for help signing in' }).click()
  await page.getByRole('heading', { name: 'Ask for help signing in' }).waitFor()
  await accessible()

  await page.getByLabel('Your full name').fill('Ada Resident')
  await page.getByLabel('The email address you signed up with').fill('ada at home')
  await page.getByRole('button', { name: 'Send my request' }).click()
  await page
    .locator('.govuk-error-summary')
    .getByText('Enter your postcode or your address')
    .waitFor()
  await accessible()
  // What was typed is kept; the mistake is said beside each field.
  await page.getByLabel('Your full name').and(page.locator('[value="Ada Resident"]')).waitFor()

  await page.getByLabel('Your postcode or address').fill('CF10 1EP')
  await page.getByLabel('The email address you signed up with').fill(email)
  await page.getByLabel('How can we reach you?').fill('Call 020 7946 0123 after 5pm')
  await page.getByRole('button', { name: 'Send my request' }).click()
  await page.getByRole('heading', { name: 'We have your request' }).waitFor()
  await accessible()
}

test.group('Residents who lost access to their email, in the browser', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('a resident asks for help and staff send a link to the address on record', async ({
    visit,
    assert,
  }) => {
    const world = await seedSelfService()
    const resident = await residentOf(world)
    const sender = await createStaff(world.opcc, 'sender')

    const page = await visit('/my-alerts')
    await askForHelp(page, resident.email!)
    assert.equal((await AccessHelpRequest.firstOrFail()).residentId, resident.id)

    await signInStaffInBrowser(page, sender)
    await page.goto('/staff/residents')
    await page.getByRole('link', { name: 'Requests for help signing in' }).click()
    await page.getByRole('heading', { name: 'Requests for help signing in' }).waitFor()
    await assertAccessible(page)
    await page.getByRole('link', { name: 'See their record' }).click()
    await page.getByText('An open request').waitFor()
    await assertAccessible(page)
    await page.getByRole('button', { name: `Send a sign-in link to ${resident.email}` }).click()
    await page.getByText('A sign-in link has been sent to').waitFor()
    await smtpSink.waitForMail(
      resident.email!,
      (mail) => mail.subject === 'Your link to manage your alerts'
    )
    assert.isNotNull((await AccessHelpRequest.firstOrFail()).doneAt)
  })

  test('the form works without JavaScript', async ({ browser, assert }) => {
    const world = await seedSelfService()
    const resident = await residentOf(world)
    const context = await browser.newContext({
      javaScriptEnabled: false,
      baseURL: env.get('APP_URL'),
    })
    try {
      const page = await context.newPage()
      await askForHelp(page, resident.email!, false)
    } finally {
      await context.close()
    }
    const request = await AccessHelpRequest.firstOrFail()
    assert.equal(request.contact, 'Call 020 7946 0123 after 5pm')
    assert.equal(request.residentId, resident.id)
  })
})
