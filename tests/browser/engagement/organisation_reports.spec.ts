import { test } from '@japa/runner'
import type { Page } from 'playwright'
import { createStaff } from '#tests/helpers/fixtures'
import { signInStaffInBrowser } from '#tests/helpers/staff_session'
import { assertAccessible } from '#tests/helpers/accessibility'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import { alertsOfMarch, residentsOfMarch } from '#tests/helpers/organisation_report_fixtures'

/**
 * Every bar (or line's point) the chart draws, and every non-zero figure of its table: they
 * must be the same. `height` is how far above the x axis the bar's top or the point is.
 */
async function chartAndTable(page: Page, id: string) {
  const bars = await page
    .locator(`#${id} svg [data-bar], #${id} svg [data-point]`)
    .evaluateAll((elements) =>
      elements.map((element) => {
        const svg = element.closest('svg')!
        const axis = Number(svg.querySelector(':scope > line')!.getAttribute('y1'))
        const point = element.hasAttribute('data-point')
        return {
          series: (element.getAttribute('data-bar') ?? element.getAttribute('data-point'))!,
          category: element.getAttribute('data-category')!,
          value: Number(element.getAttribute('data-value')),
          height: point
            ? axis - Number(element.getAttribute('cy'))
            : Number(element.getAttribute('height')),
        }
      })
    )
  const cells = await page.locator(`[data-chart-table="${id}"] tbody tr`).evaluateAll((rows) =>
    rows.flatMap((row) => {
      const category = row.querySelector('th')!.textContent!.trim()
      return [...row.querySelectorAll('td[data-series]')].map((cell) => ({
        series: cell.getAttribute('data-series')!,
        category,
        value: Number(cell.textContent!.trim()),
      }))
    })
  )
  return { bars, cells: cells.filter((cell) => cell.value > 0) }
}

async function chooseMarch2026(page: Page) {
  await page.getByLabel('Period').selectOption('custom')
  const from = page.getByRole('group', { name: 'From' })
  await from.getByLabel('Day').fill('1')
  await from.getByLabel('Month').fill('3')
  await from.getByLabel('Year').fill('2026')
  const to = page.getByRole('group', { name: 'To' })
  await to.getByLabel('Day').fill('31')
  await to.getByLabel('Month').fill('3')
  await to.getByLabel('Year').fill('2026')
  await page.getByRole('button', { name: 'Show the figures' }).click()
}

test.group('Organisation reports', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('an analyst opens the residents report from Reports: its chart draws its table', async ({
    visit,
    assert,
  }) => {
    const { police } = await residentsOfMarch()
    const analyst = await createStaff(police, 'analyst')
    const page = await visit('/staff/login')
    await signInStaffInBrowser(page, analyst)
    await page
      .getByRole('list', { name: 'Reports' })
      .getByRole('link', { name: 'Residents report', exact: true })
      .click()
    await page.assertTextContains('h1', 'Residents report')

    // A period that ends before it starts is refused, in words, beside the dates.
    await page.getByLabel('Period').selectOption('custom')
    const from = page.getByRole('group', { name: 'From' })
    await from.getByLabel('Day').fill('9')
    await from.getByLabel('Month').fill('3')
    await from.getByLabel('Year').fill('2026')
    const to = page.getByRole('group', { name: 'To' })
    await to.getByLabel('Day').fill('1')
    await to.getByLabel('Month').fill('3')
    await to.getByLabel('Year').fill('2026')
    await page.getByRole('button', { name: 'Show the figures' }).click()
    await page.assertTextContains(
      '.govuk-error-summary',
      'The start date must be the same as or before the end date'
    )
    await assertAccessible(page)

    await chooseMarch2026(page)
    await page.assertTextContains('#period-heading', '1 March 2026 to 31 March 2026')
    await page.assertTextContains('[data-growth="current"]', '4 → 5, +25%')
    const chart = page.getByRole('img', { name: /Residents over time/ })
    await chart.waitFor()
    // A line: a level over time, drawn from zero.
    await page.locator('#residents-over-time svg [data-line="residents"]').waitFor()

    const { bars, cells } = await chartAndTable(page, 'residents-over-time')
    assert.lengthOf(bars, 31)
    assert.sameDeepMembers(
      bars.map(({ series, category, value }) => ({ series, category, value })),
      cells
    )
    const twentieth = bars.find((bar) => bar.category === '20 Mar 2026')!
    assert.equal(twentieth.value, 6)
    // Heights follow the figures: the same height per resident at every point.
    const perResident = bars.map((bar) => bar.height / bar.value)
    for (const ratio of perResident) assert.closeTo(ratio, perResident[0], 0.2)
    await assertAccessible(page)
  })

  test('an admin opens the alerts and deliveries report: both charts draw their tables', async ({
    visit,
    assert,
  }) => {
    const { police } = await alertsOfMarch()
    const admin = await createStaff(police, 'admin')
    const page = await visit('/staff/login')
    await signInStaffInBrowser(page, admin)
    await page
      .getByRole('list', { name: 'Reports' })
      .getByRole('link', { name: 'Alerts and deliveries', exact: true })
      .click()
    await page.assertTextContains('h1', 'Alerts and deliveries')
    await chooseMarch2026(page)
    await page.assertTextContains('[data-summary="alerts"]', '3 (the 31 days before: 1)')

    for (const [id, drawn] of [
      ['by-category', 3],
      ['by-channel', 5],
    ] as const) {
      const { bars, cells } = await chartAndTable(page, id)
      assert.lengthOf(bars, drawn, id)
      assert.sameDeepMembers(
        bars.map(({ series, category, value }) => ({ series, category, value })),
        cells
      )
    }
    const failedEmail = page.locator('#by-channel svg [data-bar="failed"][data-category="Email"]')
    assert.equal(await failedEmail.getAttribute('data-value'), '2')
    await assertAccessible(page)
  })
})
