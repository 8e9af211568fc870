import { test } from '@japa/runner'
import { readFile } from 'node:fs/promises'
import { linkAfter, sendAlertAndRead } from '#tests/helpers/alert_emails'
import { smtpSink } from '#tests/helpers/smtp_sink'
import { assertAccessible } from '#tests/helpers/accessibility'
import { createOrganisation, createResident, createStaff, seedAreas } from '#tests/helpers/fixtures'
import { signInStaffInBrowser } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import { realPng } from '#tests/helpers/report_fixtures'
import env from '#start/env'

test.group('Tell us something', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('a resident reports with a photo from the alert’s email; staff open the photo in the inbox and answer', async ({
    browser,
    visit,
    assert,
  }) => {
    const { central } = await seedAreas()
    const organisation = await createOrganisation('Northshire Police')
    const resident = await createResident(central, [organisation], { name: 'Ada Quennell' })
    const member = await createStaff(organisation, 'sender')
    const {
      mails: [mail],
    } = await sendAlertAndRead(
      {
        organisationId: organisation.id,
        areaIds: [central.id],
        title: 'Quad bikes stolen',
        body: 'Two quad bikes were taken from a farm overnight.',
      },
      [resident.email!]
    )
    const link = linkAfter(mail.text, 'Tell us something about this alert')
    const png = realPng()

    // The guidance and the form, and the form's error, pass axe (which needs JavaScript).
    const page = await visit(link)
    await page.assertTextContains('#emergency-guidance', 'call 999')
    await assertAccessible(page)
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.assertTextContains('#recipient', 'Northshire Police')
    await assertAccessible(page)
    await page.getByRole('button', { name: 'Send' }).click()
    await page.assertTextContains('.govuk-error-summary', 'Tell us what happened')
    await assertAccessible(page)

    // The resident's browser runs no JavaScript: the form and its file work without it.
    const context = await browser.newContext({
      javaScriptEnabled: false,
      baseURL: env.get('APP_URL'),
    })
    try {
      const noScript = await context.newPage()
      await noScript.goto(link)
      await noScript.getByRole('button', { name: 'Continue' }).click()
      await noScript
        .getByLabel('What happened?')
        .fill('I saw two quad bikes in a lorry on Mill Lane.')
      await noScript.getByLabel('Where did it happen? (optional)').fill('Mill Lane lay-by')
      await noScript
        .getByLabel('Photos or documents (optional)')
        .setInputFiles({ name: 'lorry.png', mimeType: 'image/png', buffer: png })
      await noScript.getByRole('button', { name: 'Send' }).click()
      await noScript.locator('h1', { hasText: 'Sent to Northshire Police' }).waitFor()
      await assertAccessibleWithScript(page, noScript.url())
    } finally {
      await context.close()
    }

    // Staff find it as a Report, download the photo and answer.
    const staff = await visit('/staff/login')
    await signInStaffInBrowser(staff, member)
    await staff.getByRole('link', { name: 'Inbox' }).click()
    await staff.getByLabel('Kind').selectOption({ label: 'Reports' })
    await staff.getByRole('button', { name: 'Show replies' }).click()
    await staff.assertTextContains('#replies', 'I saw two quad bikes in a lorry on Mill Lane.')
    await assertAccessible(staff)
    await staff.getByRole('link', { name: 'Ada Quennell' }).click()
    await staff.assertTextContains('#report-place', 'Mill Lane lay-by')
    await assertAccessible(staff)
    const [download] = await Promise.all([
      staff.waitForEvent('download'),
      staff.getByRole('link', { name: 'lorry.png' }).click(),
    ])
    assert.equal(download.suggestedFilename(), 'lorry.png')
    assert.isTrue((await readFile((await download.path())!)).equals(png))

    await staff.getByLabel('Answer the resident').fill('Thank you. We have stopped the lorry.')
    await staff.getByRole('button', { name: 'Send the answer' }).click()
    await staff.assertTextContains(
      '.govuk-notification-banner',
      'Your answer was emailed to Ada Quennell.'
    )
    await staff.assertTextContains('#reply-state', 'Answered')
    const answer = await smtpSink.waitForMail(resident.email!, (received) =>
      received.subject.includes('answered your report')
    )
    assert.include(answer.text, 'Thank you. We have stopped the lorry.')
  })
})

/** The page a browser without JavaScript reached, checked by axe in one that has it. */
async function assertAccessibleWithScript(page: import('playwright').Page, url: string) {
  await page.goto(url)
  await assertAccessible(page)
}
