import { test } from '@japa/runner'
import Interest from '#models/residents/interest'
import { seedDefaultInterests } from '#services/residents/lists/default_interests'
import { createOrganisation, createStaff, seedAreas } from '#tests/helpers/fixtures'
import { signInStaffInBrowser } from '#tests/helpers/staff_session'
import { assertAccessible } from '#tests/helpers/accessibility'
import { emptyTablesAfterwards } from '#tests/helpers/database'

const SUGGESTION = 'Matches the alert’s category.'

test.group('The composer suggests the interest of the chosen category', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('choosing a category shows its interest as suggested, and moves with the choice', async ({
    visit,
    assert,
  }) => {
    await seedAreas()
    await seedDefaultInterests()
    const sender = await createStaff(await createOrganisation(), 'sender')
    const burglary = await Interest.findByOrFail('slug', 'burglary')
    const scams = await Interest.findByOrFail('slug', 'fraud-and-scams')

    const page = await visit('/staff/login')
    await signInStaffInBrowser(page, sender)
    await page.goto('/staff/alerts/new')
    const burglaryHint = page.locator(`#interest-${burglary.id}-suggested`)
    const scamsHint = page.locator(`#interest-${scams.id}-suggested`)
    assert.isFalse(await burglaryHint.isVisible())

    await page.locator('#category-burglary').check()
    await burglaryHint.getByText(SUGGESTION).waitFor()
    assert.isFalse(await scamsHint.isVisible())
    // Offered, not ticked: ticking it would narrow the audience.
    assert.isFalse(await page.locator(`#interest-${burglary.id}`).isChecked())
    await assertAccessible(page)

    await page.locator('#category-fraud-and-scams').check()
    await scamsHint.getByText(SUGGESTION).waitFor()
    assert.isFalse(await burglaryHint.isVisible())

    await page.locator('#category-other').check()
    await scamsHint.waitFor({ state: 'hidden' })
  })
})
