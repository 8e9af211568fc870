import { test } from '@japa/runner'
import { assertAccessible } from '#tests/helpers/accessibility'
import { createOrganisation, createResident, createStaff, seedAreas } from '#tests/helpers/fixtures'
import { signInResidentInBrowser } from '#tests/helpers/resident_browser'
import { withoutJavaScript } from '#tests/helpers/no_script'
import { signInStaffInBrowser } from '#tests/helpers/staff_session'
import { smtpSink } from '#tests/helpers/smtp_sink'
import { emptyTablesAfterwards } from '#tests/helpers/database'

test.group('Virtual watch groups in the browser', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('a resident starts a group without JavaScript, a neighbour joins it, and staff send it an alert', async ({
    browser,
    visit,
    assert,
  }) => {
    const { central } = await seedAreas()
    const organisation = await createOrganisation('Northshire Police')
    const starter = await createResident(central, [organisation], {
      name: 'Starter',
      lat: 53.0,
      lng: -0.5,
    })
    const neighbour = await createResident(central, [organisation], {
      name: 'Neighbour',
      lat: 53.002,
      lng: -0.5,
    })
    await createResident(central, [organisation], { name: 'Across town', lat: 53.02, lng: -0.5 })

    // The starter, in a browser without JavaScript: a distance around their home.
    await withoutJavaScript(browser, async (page) => {
      await signInResidentInBrowser(page, starter)
      await page.goto('/my-alerts/schemes')
      await page.getByRole('link', { name: 'Start a virtual watch group' }).click()
      await page.getByText('Drawing on the map needs JavaScript').waitFor()
      await page.getByRole('button', { name: 'Start the group' }).click()
      await page.getByText('Enter a name for the group').first().waitFor()
      await page.getByLabel('Name of the group').fill('Mill Lane Watch')
      await page.getByLabel('500 metres').check()
      await page.getByRole('button', { name: 'Start the group' }).click()
      await page.getByText('You have started “Mill Lane Watch”.').waitFor()
    })

    // The neighbour, with JavaScript: the form is checked with axe, then they join.
    const page = await visit('/')
    await signInResidentInBrowser(page, neighbour)
    await page.goto('/my-alerts/groups/new')
    await page.getByRole('heading', { name: 'Start a virtual watch group' }).waitFor()
    await assertAccessible(page)
    await page.goto('/my-alerts/schemes')
    await page.getByLabel('Mill Lane Watch').check()
    await assertAccessible(page)
    await page.getByRole('button', { name: 'Save' }).click()
    await page.getByText('Your watch schemes have been saved.').waitFor()

    const staff = await visit('/staff/login')
    await signInStaffInBrowser(staff, await createStaff(organisation, 'sender'))
    await staff.goto('/staff/alerts/new')
    await staff.getByLabel('Title').fill('Van seen trying car doors')
    await staff.getByLabel('Alert text').fill('Check your car is locked.')
    await staff.getByLabel('3 – Warning').check()
    await staff.getByText('Wards in Boston').click()
    await staff.getByLabel('Central', { exact: true }).check()
    await staff.getByLabel('Mill Lane Watch (Virtual watch group)').check()
    await staff.assertTextContains(
      '#audience-count',
      'This alert would reach 2 residents by email.'
    )
    await staff.getByRole('button', { name: 'Continue' }).click()
    await staff.getByRole('button', { name: 'Send alert' }).click()
    await staff.assertTextContains('[data-count="sent"]', '2')
    for (const member of [starter, neighbour]) {
      const mail = await smtpSink.waitForMail(member.email!, (received) =>
        received.subject.includes('Van seen')
      )
      assert.include(mail.text, 'Check your car is locked.')
    }
  })
})
