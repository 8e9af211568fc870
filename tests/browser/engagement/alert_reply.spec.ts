import { test } from '@japa/runner'
import { linkAfter, residentWithAlertEmail } from '#tests/helpers/alert_emails'
import { withoutJavaScript } from '#tests/helpers/no_script'
import { smtpSink } from '#tests/helpers/smtp_sink'
import { assertAccessible } from '#tests/helpers/accessibility'
import { signInStaffInBrowser } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'

test.group('Replying to an alert', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('a resident replies from the alert’s email; staff find, assign and answer it; the answer reaches the resident', async ({
    browser,
    visit,
    assert,
  }) => {
    const { resident, member, mail } = await residentWithAlertEmail('Lincolnshire Police', {
      title: 'Sheds broken into',
      body: 'Three sheds were broken into overnight. Lock your shed.',
    })
    const link = linkAfter(mail.text, 'Reply to the sender')

    // The reply page, and its error, pass axe (which needs JavaScript).
    const page = await visit(link)
    await page.assertTextContains('h1', 'Sheds broken into')
    await assertAccessible(page)
    await page.getByRole('button', { name: 'Send my reply' }).click()
    await page.assertTextContains('.govuk-error-summary', 'Write your reply')
    await assertAccessible(page)

    // The resident's browser runs no JavaScript: the form works without it.
    await withoutJavaScript(browser, async (noScript) => {
      await noScript.goto(link)
      await noScript.getByLabel('Your reply').fill('I saw a <b>white van</b> at 2am.')
      await noScript.getByRole('button', { name: 'Send my reply' }).click()
      await noScript
        .locator('.govuk-notification-banner', {
          hasText: 'Your reply was sent to Lincolnshire Police',
        })
        .waitFor()
      await noScript
        .locator('#reply-thread', { hasText: 'I saw a <b>white van</b> at 2am.' })
        .waitFor()
    })
    await page.goto(link)
    await page.assertTextContains('#reply-thread', 'I saw a <b>white van</b> at 2am.')
    await assertAccessible(page)

    // Staff find it in Residents → Inbox, take it and answer.
    const staff = await visit('/staff/login')
    await signInStaffInBrowser(staff, member)
    await staff.getByRole('link', { name: 'Inbox' }).click()
    await staff.assertTextContains('h1', 'Inbox')
    await staff.assertTextContains('#replies', 'I saw a <b>white van</b> at 2am.')
    await assertAccessible(staff)
    await staff.getByRole('link', { name: 'Ada Quennell' }).click()
    await staff.assertTextContains('h1', 'From Ada Quennell')
    await staff.assertTextContains('#reply-state', 'New')
    await staff.getByLabel('Who deals with it').selectOption({ label: 'Test sender' })
    await staff.getByRole('button', { name: 'Assign' }).click()
    await staff.assertTextContains('.govuk-notification-banner', 'Assigned to Test sender.')
    await staff.assertTextContains('#reply-state', 'Assigned')
    await staff.getByLabel('Answer the resident').fill('Thank you. An officer will call tomorrow.')
    await staff.getByRole('button', { name: 'Send the answer' }).click()
    await staff.assertTextContains(
      '.govuk-notification-banner',
      'Your answer was emailed to Ada Quennell.'
    )
    await staff.assertTextContains('#reply-state', 'Answered')
    await assertAccessible(staff)

    // The answer reaches the resident, with their link to write back.
    const answer = await smtpSink.waitForMail(resident.email!, (received) =>
      received.subject.includes('answered your reply')
    )
    assert.equal(
      answer.subject,
      'Lincolnshire Police answered your reply about “Sheds broken into”'
    )
    assert.include(answer.text, 'Thank you. An officer will call tomorrow.')
    const back = answer.text.match(/^(http:\/\/\S+\/replies\/\S+)$/m)![1]
    await page.goto(back)
    await page.assertTextContains('#reply-thread', 'Thank you. An officer will call tomorrow.')
  })
})
