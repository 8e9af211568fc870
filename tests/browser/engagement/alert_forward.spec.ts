import { test } from '@japa/runner'
import { linkAfter, sendAlertAndRead } from '#tests/helpers/alert_emails'
import env from '#start/env'
import { smtpSink } from '#tests/helpers/smtp_sink'
import { assertAccessible } from '#tests/helpers/accessibility'
import { createOrganisation, createResident, createStaff, seedAreas } from '#tests/helpers/fixtures'
import { skipQuestionsInBrowser } from '#tests/helpers/sign_up_fixtures'
import { signInStaffInBrowser } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'

test.group('Sharing an alert with a neighbour', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('a resident emails an alert to a neighbour, who opens it and signs up; staff see the reach', async ({
    visit,
    browser,
    assert,
  }) => {
    const { central } = await seedAreas()
    const organisation = await createOrganisation('Northshire Police')
    const resident = await createResident(central, [organisation], { name: 'Ada Quennell' })
    const {
      mails: [mail],
    } = await sendAlertAndRead(
      {
        organisationId: organisation.id,
        areaIds: [central.id],
        title: 'Cold callers selling roof repairs',
        body: 'Do not agree to work on the doorstep.',
      },
      [resident.email!]
    )

    const page = await visit(linkAfter(mail.text, 'Share it with a neighbour'))
    await page.assertTextContains('h1', 'Share this alert with a neighbour')
    await assertAccessible(page)
    await page.getByLabel('Their email address').fill('neighbour@example.net')
    await page.getByLabel('Your name').fill('Ada from number 12')
    await page.getByRole('button', { name: 'Send the email' }).click()
    await page.assertTextContains('.govuk-notification-banner', 'We have emailed the alert to')
    await assertAccessible(page)

    const forwarded = await smtpSink.waitForMail('neighbour@example.net')
    assert.equal(
      forwarded.subject,
      'Ada from number 12 shared an alert from Northshire Police: Cold callers selling roof repairs'
    )
    const link = forwarded.text.match(/http:\/\/\S+\/f\/[2-9A-Z]{10}/)![0]

    // The neighbour, in a browser of their own.
    const context = await browser.newContext({ baseURL: env.get('APP_URL') })
    try {
      const neighbour = await context.newPage()
      await neighbour.goto(link)
      await neighbour.getByText('A neighbour shared this alert with you.').waitFor()
      await neighbour.getByRole('heading', { name: 'Cold callers selling roof repairs' }).waitFor()
      await assertAccessible(neighbour)
      await neighbour.getByRole('button', { name: 'Sign up for alerts' }).click()
      await neighbour.getByRole('link', { name: 'Choose your ward from a list' }).click()
      await neighbour.getByRole('link', { name: 'Boston', exact: true }).click()
      await neighbour.getByLabel('Central (Boston)').check()
      await neighbour.getByRole('button', { name: 'Continue' }).click()
      await neighbour.getByLabel('Your name').fill('Bo Neighbour')
      await neighbour.getByLabel('Email address').fill('neighbour@example.net')
      await neighbour.getByRole('button', { name: 'Continue' }).click()
      await skipQuestionsInBrowser(neighbour)
      await neighbour.getByRole('button', { name: 'Sign up' }).click()
      await neighbour.getByRole('heading', { name: 'Check your email' }).waitFor()
      const confirmation = await smtpSink.waitForMail(
        'neighbour@example.net',
        (received) => received.subject === 'Confirm your local alerts'
      )
      await neighbour.goto(confirmation.text.match(/http:\/\/\S+\/confirm\/\S+/)![0])
      await neighbour.getByRole('button', { name: 'Confirm my alerts' }).click()
      await neighbour.getByRole('heading', { name: 'Your alerts are on' }).waitFor()
    } finally {
      await context.close()
    }

    const staff = await visit('/staff/login')
    await signInStaffInBrowser(staff, await createStaff(organisation, 'analyst'))
    await staff.getByRole('link', { name: 'Forwarding and reach' }).click()
    await staff.assertTextContains(
      '#forwards-summary',
      '1 forward reached 1 extra person; 1 signed up.'
    )
    await staff.assertTextContains('[data-month="Total"] [data-column="byEmail"]', '1')
    await assertAccessible(staff)
  })
})
