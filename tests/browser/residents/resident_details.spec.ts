import { test } from '@japa/runner'
import { assertAccessible } from '#tests/helpers/accessibility'
import { smtpSink } from '#tests/helpers/smtp_sink'
import { residentOf, seedSelfService } from '#tests/helpers/self_service_fixtures'
import { signInResidentInBrowser } from '#tests/helpers/resident_browser'
import { emptyTablesAfterwards } from '#tests/helpers/database'

test.group('Self-service: changing your own details in the browser', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('a resident changes their name, where they live and their email address', async ({
    visit,
    assert,
  }) => {
    const world = await seedSelfService()
    const resident = await residentOf(world, { name: 'Ada Byron' })
    const page = await visit('/')
    await signInResidentInBrowser(page, resident)
    const details = page.locator('#details')
    await details.getByText('Ada Byron').waitFor()
    await details.getByText('Central, Boston').waitFor()

    await page.getByRole('link', { name: 'Change name' }).click()
    await page.getByLabel('What is your name?').fill('')
    await page.getByRole('button', { name: 'Save' }).click()
    await page.assertTextContains('.govuk-error-summary', 'Enter your name')
    await assertAccessible(page)
    await page.getByLabel('What is your name?').fill('Ada Lovelace')
    await page.getByRole('button', { name: 'Save' }).click()
    await page.assertTextContains('.govuk-notification-banner', 'Your name has been changed.')
    await details.getByText('Ada Lovelace').waitFor()

    await page.getByRole('link', { name: 'Change where you live' }).click()
    await page.assertTextContains('#home-now', 'Central, Boston')
    await assertAccessible(page)
    await page.getByLabel('From the ward list').check()
    await page.getByLabel('Ward', { exact: true }).selectOption({ label: 'Skirbeck (Boston)' })
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.assertTextContains('#home-next', 'Skirbeck, Boston, from the ward you chose')
    await assertAccessible(page)
    await page.getByRole('button', { name: 'Change where I live' }).click()
    await page.assertTextContains(
      '.govuk-notification-banner',
      'You get alerts for Skirbeck, Boston.'
    )
    await details.getByText('Skirbeck, Boston').waitFor()

    await page.getByRole('link', { name: 'Change email address' }).click()
    await assertAccessible(page)
    await page.getByLabel('New email address').fill('ada@analytical.example.org')
    await page.getByRole('button', { name: 'Send the link' }).click()
    await details.getByText('Waiting for you to confirm ada@analytical.example.org').waitFor()
    const mail = await smtpSink.waitForMail('ada@analytical.example.org')
    await page.goto(mail.text.match(/http:\/\/\S+\/my-alerts\/confirm-change\/\S+/)![0])
    await page.getByRole('button', { name: /Confirm/ }).click()
    await resident.refresh()
    assert.equal(resident.email, 'ada@analytical.example.org')
    assert.equal(resident.name, 'Ada Lovelace')
  })
})
