import { test } from '@japa/runner'
import { parse } from 'csv-parse/sync'
import { createOrganisation, createStaff } from '#tests/helpers/fixtures'
import { signInStaff } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import { tableRows } from '#tests/helpers/organisation_report_fixtures'
import {
  CENSUS_FILES,
  censusAreas,
  censusFixturePath,
  reachOfTheIsland,
} from '#tests/helpers/census_fixtures'
import PopulationImport from '#services/areas/population/population_import'

const REPORT = '/staff/reports/who-we-reach'

/** The 95% Wilson score interval, written out again here to check the report's. */
function wilsonHigh(k: number, n: number) {
  const z = 1.96
  const p = k / n
  return (
    (p + (z * z) / (2 * n) + z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) /
    (1 + (z * z) / n)
  )
}
const two = (value: number) => String(Math.round(value * 100) / 100)

test.group('Reports → Who we reach', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('rates, ratios and ranks match the hand count; small numbers are hidden', async ({
    assert,
  }) => {
    const { police, other } = await reachOfTheIsland()
    const browser = await signInStaff(await createStaff(police, 'analyst'))
    const page = await browser.get(REPORT)
    assert.equal(page.status, 200)

    const average = 52 / 22
    const newportHigh = (wilsonHigh(10, 10000) * 1000) / average
    const maleHigh = (wilsonHigh(10, 11000) * 1000) / (40 / 22)
    assert.isBelow(newportHigh, maleHigh)
    assert.deepEqual(tableRows(page.text, 'ranked-reach'), [
      ['1', 'Newport Central', 'Ward (Isle of Wight)', two(newportHigh)],
      ['2', 'Sex: Male', 'Group', two(maleHigh)],
    ])

    // By default the wards come most under-represented first, as the ranked table has them,
    // then the others by ratio, then the ward whose figures are hidden.
    assert.deepEqual(
      tableRows(page.text, 'wards-reach').map((row) => row[0]),
      ['Newport Central', 'Ryde South', 'Carisbrooke', 'Central']
    )
    const wards = tableRows((await browser.get(`${REPORT}?sort=name`)).text, 'wards-reach')
    assert.deepEqual(wards[0], [
      'Carisbrooke',
      'Isle of Wight',
      '24',
      '4,000',
      '6',
      two(6 / average),
      wards[0][6],
      'Over-represented',
    ])
    // Fewer than 5 residents: no count, rate or ratio is shown.
    assert.deepEqual(wards[1], [
      'Central',
      'Boston',
      'Fewer than 5',
      '3,000',
      'Too few to say',
      'Too few to say',
      'Too few to say',
      'Too few to say',
    ])
    assert.deepEqual(wards[2].slice(0, 6), [
      'Newport Central',
      'Isle of Wight',
      '10',
      '10,000',
      '1',
      two(1 / average),
    ])
    assert.equal(wards[2][7], 'Under-represented')
    assert.equal(wards[3][7], 'About average')

    assert.deepEqual(
      tableRows(page.text, 'districts-reach').map((row) => [row[0], row[1], row[2], row[4]]),
      [
        ['Boston', 'Fewer than 5', '3,000', 'Too few to say'],
        ['Isle of Wight', '49', '19,000', two(49 / 19 / average)],
      ]
    )
    assert.deepEqual(
      tableRows(page.text, 'groups-reach').map((row) => row.slice(0, 5)),
      [
        ['Sex: Female', '30', '11,000', two(30 / 11), two(30 / 11 / (40 / 22))],
        ['Sex: Male', '10', '11,000', two(10 / 11), '0.5'],
      ]
    )

    // Another organisation on the install compares its own residents over its own area: the
    // districts they live in (30 men in Newport Central, all on the Isle of Wight).
    const theirs = await signInStaff(await createStaff(other, 'analyst'))
    const theirPage = await theirs.get(`${REPORT}?sort=name`)
    assert.deepEqual(
      tableRows(theirPage.text, 'wards-reach').map((row) => [row[0], row[2], row[3]]),
      [
        ['Carisbrooke', 'Fewer than 5', '4,000'],
        ['Newport Central', '30', '10,000'],
        ['Ryde South', 'Fewer than 5', '5,000'],
      ]
    )

    // The chart shows the wards whose figures may be shown, the same rates.
    const chart = tableRows(page.text, 'ward-rates')
    assert.deepEqual(
      chart.map((row) => row.slice(0, 2)),
      [
        ['Carisbrooke', '6'],
        ['Newport Central', '1'],
        ['Ryde South', '3'],
      ]
    )
  })

  test('the CSV has the same rows as the page, small numbers hidden', async ({ assert }) => {
    const { police } = await reachOfTheIsland()
    const browser = await signInStaff(await createStaff(police, 'admin'))
    const page = await browser.get(REPORT)
    const csv = await browser.get(`${REPORT}/wards.csv`)
    assert.equal(csv.status, 200)
    const rows: string[][] = parse(csv.text.replace(/^\uFEFF/, ''))
    assert.deepEqual(rows[0].slice(0, 3), ['Ward', 'District', 'Residents'])
    assert.deepEqual(rows[2].slice(0, 3), ['Central', 'Boston', 'Fewer than 5'])
    assert.equal(rows.length - 1, tableRows(page.text, 'wards-reach').length)
  })

  test('without Census figures the page says how to load them; senders cannot see it', async ({
    assert,
  }) => {
    const police = await createOrganisation('Isle of Wight Police')
    const analyst = await signInStaff(await createStaff(police, 'analyst'))
    const page = await analyst.get(REPORT)
    assert.include(page.text, 'There are no Census figures yet')
    assert.include(page.text, 'node ace population:import')
    const sender = await signInStaff(await createStaff(police, 'sender'))
    assert.equal((await sender.get(REPORT)).status, 403)

    // Figures loaded, but none of this organisation's residents lives where they cover.
    await censusAreas()
    await PopulationImport.fromFile(censusFixturePath(CENSUS_FILES.sex))
    const loaded = await analyst.get(REPORT)
    assert.include(loaded.text, 'None of your residents lives in a ward with Census figures yet')
    assert.notInclude(loaded.text, 'id="wards-reach"')
  })
})
