import { test } from '@japa/runner'
import Membership from '#models/platform/membership'
import Alert from '#models/messaging/alert'
import { assertAccessible } from '#tests/helpers/accessibility'
import { createOrganisation, createStaff } from '#tests/helpers/fixtures'
import { signInStaffInBrowser } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'

test.group('Switching organisation in the browser', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('an officer of the police who runs the Neighbourhood Watch switches from the header', async ({
    visit,
  }) => {
    const police = await createOrganisation('Lincoln Police')
    const watch = await createOrganisation('Abbey Neighbourhood Watch')
    const person = await createStaff(police, 'officer')
    await Membership.create({ userId: person.id, organisationId: watch.id, role: 'admin' })
    await Alert.create({
      organisationId: watch.id,
      authorId: person.id,
      title: 'Watch meeting on Tuesday',
      body: 'At the church hall.',
      priority: 2,
      status: 'draft',
      criteria: { areaIds: [] },
    })

    const page = await visit('/staff/login')
    await signInStaffInBrowser(page, person)
    await page.goto('/staff')
    await page.getByRole('link', { name: 'Doorstep sign-up' }).waitFor()
    await page.assertElementsCount('a.govuk-service-navigation__link:text-is("Team")', 0)
    await page.assertNotExists('text=Watch meeting on Tuesday')
    await page.assertTextContains('body', 'You are working as officer for Lincoln Police.')
    await assertAccessible(page)

    await page
      .getByLabel('Organisation')
      .selectOption({ label: 'Abbey Neighbourhood Watch (admin)' })
    await page.getByRole('button', { name: 'Switch organisation' }).click()
    await page.assertPath('/staff')
    await page.assertTextContains(
      '.govuk-notification-banner',
      'You are now working as admin for Abbey Neighbourhood Watch.'
    )
    await page.assertTextContains('main', 'Watch meeting on Tuesday')
    await page.assertTextContains('body', 'You are working as admin for Abbey Neighbourhood Watch.')
    await page.getByRole('link', { name: 'Team' }).waitFor()
    await assertAccessible(page)
  })
})
