import { test } from '@japa/runner'
import { readFile } from 'node:fs/promises'
import { parse } from 'csv-parse/sync'
import { createOrganisation, createStaff, seedAreas } from '#tests/helpers/fixtures'
import { signInStaffInBrowser } from '#tests/helpers/staff_session'
import { assertAccessible } from '#tests/helpers/accessibility'
import { sentAlert } from '#tests/helpers/delivery_report_fixtures'
import { emptyTablesAfterwards } from '#tests/helpers/database'

test.group('Delivery report', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('staff open the report from the alert: the chart and its table agree, and failures filter', async ({
    visit,
    assert,
  }) => {
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    const { alert } = await sentAlert(organisation, central)
    const admin = await createStaff(organisation, 'admin')

    const page = await visit('/staff/login')
    await signInStaffInBrowser(page, admin)
    await page.goto(`/staff/alerts/${alert.id}`)
    await page.getByRole('link', { name: /Delivery report/ }).click()
    await page.assertTextContains('h1', 'Flood warning for the riverside')

    // The chart is an image named by its title, described by its summary.
    const chart = page.getByRole('img', { name: /Deliveries over time/ })
    await chart.waitFor()
    assert.include((await chart.getAttribute('aria-labelledby')) ?? '', 'deliveries-over-time-desc')

    // Every bar drawn is a figure in the table, and every figure in the table is drawn.
    const bars = await page.locator('svg [data-bar]').evaluateAll((elements) =>
      elements.map((element) => ({
        series: element.getAttribute('data-bar')!,
        category: element.getAttribute('data-category')!,
        value: Number(element.getAttribute('data-value')),
        height: Number(element.getAttribute('height')),
      }))
    )
    const cells = await page
      .locator('[data-chart-table="deliveries-over-time"] tbody tr')
      .evaluateAll((rows) =>
        rows.flatMap((row) => {
          const category = row.querySelector('th')!.textContent!.trim()
          return [...row.querySelectorAll('td[data-series]')].map((cell) => ({
            series: cell.getAttribute('data-series')!,
            category,
            value: Number(cell.textContent!.trim()),
          }))
        })
      )
    const drawn = cells.filter((cell) => cell.value > 0)
    assert.lengthOf(drawn, 7)
    assert.sameDeepMembers(
      bars.map(({ series, category, value }) => ({ series, category, value })),
      drawn
    )
    // Heights follow the figures: the same height per delivery in every bar.
    const perDelivery = bars.map((bar) => bar.height / bar.value)
    for (const ratio of perDelivery) assert.closeTo(ratio, perDelivery[0], 0.2)
    // The legend names each series, so colour is not the only way to tell them apart.
    const legend = (await page.locator('svg .beacon-chart__legend').textContent()) ?? ''
    const headings = await page
      .locator('[data-chart-table="deliveries-over-time"] thead th')
      .allTextContents()
    const seriesNames = headings.slice(1, -1).map((text) => text.trim())
    assert.lengthOf(seriesNames, 5)
    for (const name of seriesNames) assert.include(legend, name)
    assert.include(legend, 'Email: failed')
    await assertAccessible(page)

    // The failures: filtered by reason through the form.
    await page.getByLabel('Reason').selectOption('number_dead')
    await page.getByRole('button', { name: 'Show failures' }).click()
    await page.assertTextContains('#failure-count', '1 failed delivery matches these filters')
    await page.assertTextContains('#failures-table', 'Hal Hill')
    await page.getByText('The provider’s words').click()
    await page.assertTextContains('[data-raw-reason]', 'error 21614')

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download these failures (CSV)' }).click(),
    ])
    const rows = parse(await readFile((await download.path())!, 'utf8'), { bom: true })
    assert.lengthOf(rows, 2)
    assert.equal(rows[1][1], 'Hal Hill')
  })
})
