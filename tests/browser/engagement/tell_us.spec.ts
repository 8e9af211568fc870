import { test } from '@japa/runner'
import { readFile } from 'node:fs/promises'
import { linkAfter, residentWithAlertEmail } from '#tests/helpers/alert_emails'
import { withoutJavaScript } from '#tests/helpers/no_script'
import { smtpSink } from '#tests/helpers/smtp_sink'
import { assertAccessible } from '#tests/helpers/accessibility'
import { signInStaffInBrowser } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import { realPng } from '#tests/helpers/report_fixtures'

test.group('Tell us something', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('a resident reports with a photo from the alert’s email; staff open the photo in the inbox and answer', async ({
    browser,
    visit,
    assert,
  }) => {
    const { resident, member, mail } = await residentWithAlertEmail('Northshire Police', {
      title: 'Quad bikes stolen',
      body: 'Two quad bikes were taken from a farm overnight.',
    })
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
    await withoutJavaScript(browser, async (noScript) => {
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
    })

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
