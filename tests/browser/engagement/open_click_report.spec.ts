import { test } from '@japa/runner'
import { createStaff } from '#tests/helpers/fixtures'
import { signInStaffInBrowser } from '#tests/helpers/staff_session'
import { assertAccessible } from '#tests/helpers/accessibility'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import { magicLinkSecret, residentOf, seedSelfService } from '#tests/helpers/self_service_fixtures'
import { trackingWorld, twoTrackedAlerts } from '#tests/helpers/tracking_fixtures'
import Organisation from '#models/platform/organisation'

test.group('Open and click rates', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('an analyst reads the rates in the report: the chart draws its table', async ({
    visit,
    assert,
  }) => {
    const { police } = await twoTrackedAlerts()
    const page = await visit('/staff/login')
    await signInStaffInBrowser(page, await createStaff(police, 'analyst'))
    await page
      .getByRole('list', { name: 'Reports' })
      .getByRole('link', { name: 'Alerts and deliveries', exact: true })
      .click()
    await page.getByLabel('Period').selectOption('last-90-days')
    await page.getByRole('button', { name: 'Show the figures' }).click()

    // This period: 4 emails delivered, 2 opened, 1 clicked.
    const row = page.locator('#opens-and-clicks tbody tr').first()
    await row.waitFor()
    assert.deepEqual(
      (await row.locator('td').allTextContents()).map((cell) => cell.trim()),
      ['4', '2', '50%', '1', '25%']
    )
    await page.assertTextContains('#open-rate-caveat', 'Apple Mail Privacy Protection')

    // Every point the chart draws is its table's figure, and only the last week has any.
    const points = await page.locator('#open-click-rates svg [data-point]').evaluateAll((circles) =>
      circles.map((circle) => ({
        series: circle.getAttribute('data-point')!,
        category: circle.getAttribute('data-category')!,
        value: Number(circle.getAttribute('data-value')),
        cy: Number(circle.getAttribute('cy')),
      }))
    )
    const cells = await page
      .locator('[data-chart-table="open-click-rates"] tbody tr')
      .evaluateAll((rows) =>
        rows.flatMap((tableRow) => {
          const category = tableRow.querySelector('th')!.textContent!.trim()
          return [...tableRow.querySelectorAll('td[data-series]')].map((cell) => ({
            series: cell.getAttribute('data-series')!,
            category,
            value: Number(cell.textContent!.trim()),
          }))
        })
      )
    assert.isAbove(points.length, 20)
    assert.sameDeepMembers(
      points.map(({ series, category, value }) => ({ series, category, value })),
      cells
    )
    const last = cells.at(-1)!.category
    assert.deepEqual(
      cells.filter((cell) => cell.value > 0),
      [
        { series: 'open-rate', category: last, value: 50 },
        { series: 'click-rate', category: last, value: 25 },
      ]
    )
    // Drawn to scale: the open rate's point twice as high above the axis as the click rate's.
    const zero = points.find((point) => point.value === 0)!.cy
    const open = points.find((point) => point.series === 'open-rate' && point.value === 50)!
    const click = points.find((point) => point.series === 'click-rate' && point.value === 25)!
    assert.closeTo((zero - open.cy) / (zero - click.cy), 2, 0.05)
    await assertAccessible(page)
  })

  test('a resident turns tracking off from Manage your alerts', async ({ visit, assert }) => {
    const resident = await residentOf(await seedSelfService())
    const page = await visit(`/my-alerts/sign-in/${await magicLinkSecret(resident)}`)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('link', { name: 'Change tracking whether you open alerts' }).click()
    await page.getByRole('heading', { name: 'May we see whether you open alerts?' }).waitFor()
    await assertAccessible(page)
    await page.getByLabel('Don’t track whether I open alerts').check()
    await page.getByRole('button', { name: 'Save' }).click()
    await page.assertTextContains('#summary-tracking', 'Don’t track whether I open alerts')
    await resident.refresh()
    assert.isTrue(resident.declinesTracking)
  })

  test('an admin turns tracking on from Settings → Tracking', async ({ visit, assert }) => {
    const { police } = await trackingWorld(false)
    const page = await visit('/staff/login')
    await signInStaffInBrowser(page, await createStaff(police, 'admin'))
    await page
      .getByRole('list', { name: 'Settings' })
      .getByRole('link', { name: 'Tracking', exact: true })
      .click()
    await page.getByRole('heading', { name: 'Tracking' }).waitFor()
    await assertAccessible(page)
    await page.getByLabel('Track opens and clicks').check()
    await page.getByRole('button', { name: 'Save' }).click()
    await page.assertTextContains('body', 'Opens and clicks are now tracked in alert emails')
    assert.isTrue((await Organisation.findOrFail(police.id)).tracksEngagement)
  })
})
