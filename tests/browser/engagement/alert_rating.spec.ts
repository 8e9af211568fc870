import { test } from '@japa/runner'
import { linkAfter, sendAlertAndRead } from '#tests/helpers/alert_emails'
import { assertAccessible } from '#tests/helpers/accessibility'
import { createOrganisation, createResident, createStaff, seedAreas } from '#tests/helpers/fixtures'
import { signInStaffInBrowser } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import { alertFor } from '#tests/helpers/archive_fixtures'
import AlertRatingLinks from '#services/engagement/alert_rating_links'
import db from '@adonisjs/lucid/services/db'
import env from '#start/env'

test.group('Rating an alert', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('a resident rates an alert from the link in its email, adds a comment, and staff read both', async ({
    visit,
    assert,
  }) => {
    const { central } = await seedAreas()
    const organisation = await createOrganisation('Lincolnshire Police')
    const resident = await createResident(central, [organisation], { name: 'Ada Quennell' })
    const {
      alert,
      mails: [mail],
    } = await sendAlertAndRead(
      {
        organisationId: organisation.id,
        areaIds: [central.id],
        title: 'Sheds broken into',
        body: 'Three sheds were broken into overnight. Lock your shed.',
      },
      [resident.email!]
    )
    assert.include(mail.text, 'Was this alert useful?')

    // The resident clicks "This helped me avoid…" in the email: a page asks them to confirm.
    const page = await visit(
      linkAfter(mail.text, 'This helped me avoid becoming a victim of crime')
    )
    await page.assertTextContains('h1', 'Sheds broken into')
    await page.assertTextContains('#rating-heading', 'Rate this alert')
    assert.isTrue(
      await page.getByLabel('This helped me avoid becoming a victim of crime').isChecked()
    )
    await assertAccessible(page)
    await page.getByRole('button', { name: 'Send my rating' }).click()
    await page.assertTextContains(
      '#rating-confirmation',
      'This helped me avoid becoming a victim of crime'
    )
    await assertAccessible(page)

    // An empty comment is explained; then a comment with HTML in it is kept as text.
    await page.getByRole('button', { name: 'Send my comment' }).click()
    await page.assertTextContains(
      '.govuk-error-summary',
      'Write your comment, or leave the page if you have none'
    )
    await assertAccessible(page)
    await page.getByLabel('Add a comment (optional)').fill('I locked my <b>shed</b> that night.')
    await page.getByRole('button', { name: 'Send my comment' }).click()
    await page.assertTextContains('.govuk-notification-banner', 'Thank you for your comment.')
    await page.assertTextContains('#rating-comment', 'I locked my <b>shed</b> that night.')

    // Staff of the organisation see it on the alert's page and in Reports.
    const staff = await visit('/staff/login')
    await signInStaffInBrowser(staff, await createStaff(organisation, 'sender'))
    await staff.goto(`/staff/alerts/${alert.id}`)
    await staff.assertTextContains('[data-rating-count="avoided_crime"]', '1')
    await staff.assertTextContains('[data-rating-count="total"]', '1')
    await staff.assertTextContains('#ratings-comments', 'I locked my <b>shed</b> that night.')
    await staff.getByRole('link', { name: 'Alert ratings' }).click()
    await staff.assertTextContains('h1', 'Alert ratings')
    await staff.getByLabel('Period', { exact: true }).selectOption({ label: 'The last 3 months' })
    await staff.getByRole('button', { name: 'Show' }).click()
    await staff.assertTextContains('#ratings-summary', '1 rating of 1 alert in the last 3 months.')
    await assertAccessible(staff)
  })

  test('an alert that is not published is rated on a page of its own, without JavaScript', async ({
    browser,
    visit,
    assert,
  }) => {
    const { central } = await seedAreas()
    const organisation = await createOrganisation('Lincolnshire Police')
    const resident = await createResident(central, [organisation])
    const alert = await alertFor(organisation, [central], {
      title: 'Cold callers in Central ward',
      isPublic: false,
    })
    const links = AlertRatingLinks.choices(resident.id, alert.id)
    const checked = await visit(links.not_useful)
    await checked.assertTextContains('h1', 'Cold callers in Central ward')
    await assertAccessible(checked)

    // axe-core needs JavaScript; the rating itself does not.
    const context = await browser.newContext({
      javaScriptEnabled: false,
      baseURL: env.get('APP_URL'),
    })
    try {
      const page = await context.newPage()
      await page.goto(links.not_useful)
      assert.isTrue(await page.getByLabel('Not useful').isChecked())
      await page.getByLabel('Useful', { exact: true }).check()
      await page.getByRole('button', { name: 'Send my rating' }).click()
      await page.locator('#rating-confirmation', { hasText: 'Useful' }).waitFor()
    } finally {
      await context.close()
    }
    const rating = await db.from('alert_ratings').where('resident_id', resident.id).first()
    assert.equal(rating.rating, 'useful')
  })
})
