import { test } from '@japa/runner'
import { parse } from 'csv-parse/sync'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import Area from '#models/areas/area'
import { createStaff } from '#tests/helpers/fixtures'
import { signInStaff } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import { tableRows } from '#tests/helpers/organisation_report_fixtures'
import { reachOfTheIsland, moreOfTheIsland, residents } from '#tests/helpers/census_fixtures'
import { sqlTime } from '#services/platform/infrastructure/sql_time'

const REPORT = '/staff/reports/who-we-reach'
const names = (html: string, id = 'wards-reach') => tableRows(html, id).map((row) => row[0])
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')

/** 26 more wards in Boston, of 1,000 people each and none of the organisation's residents. */
async function bostonWards() {
  const boston = await Area.findByOrFail('code', 'E07000136')
  for (let index = 1; index <= 26; index++) {
    const ward = await Area.create({
      code: `E0599${String(index).padStart(4, '0')}`,
      name: `Test Ward ${String(index).padStart(2, '0')}`,
      level: 'ward',
      parentId: boston.id,
    })
    for (const category of ['female', 'male']) {
      await db.table('population_stats').insert({
        area_id: ward.id,
        dimension: 'sex',
        category,
        count: 500,
        source: 'test',
        imported_at: sqlTime(),
      })
    }
  }
}

test.group('Reports → Who we reach: the wards list, the wards by group, and the date', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('the wards table pages by 25, keeps the order in its page links, and searches by ward or district', async ({
    assert,
  }) => {
    const { police } = await reachOfTheIsland()
    await bostonWards()
    const browser = await signInStaff(await createStaff(police, 'analyst'))

    const first = await browser.get(`${REPORT}?sort=name`)
    const firstNames = names(first.text)
    assert.lengthOf(firstNames, 25)
    assert.deepEqual(firstNames.slice(0, 3), ['Carisbrooke', 'Central', 'Newport Central'])
    assert.equal(firstNames[24], 'Test Ward 21')
    assert.include(text(first.text), '30 wards, ward name, a to z.')
    assert.include(first.text, 'href="/staff/reports/who-we-reach?sort=name&amp;page=2"')

    assert.include(first.text, 'aria-label="Pages of wards"')
    // The wards by group page on their own, keeping the wards' choices.
    assert.lengthOf(tableRows(first.text, 'ward-groups-reach'), 25)
    assert.include(first.text, 'aria-label="Pages of wards by sex"')
    assert.include(first.text, 'href="/staff/reports/who-we-reach?sort=name&amp;groupsPage=2"')
    const groupsSecond = await browser.get(`${REPORT}?sort=name&groupsPage=2`)
    assert.equal(names(groupsSecond.text, 'ward-groups-reach')[0], 'Test Ward 22')
    assert.lengthOf(names(groupsSecond.text), 25)

    const second = await browser.get(`${REPORT}?sort=name&page=2`)
    assert.deepEqual(names(second.text), [
      'Test Ward 22',
      'Test Ward 23',
      'Test Ward 24',
      'Test Ward 25',
      'Test Ward 26',
    ])
    assert.include(second.text, 'Wards, page 2 of 2')

    // By district name: Boston's 27 wards, two pages; the search is kept by the page links.
    const boston = await browser.get(`${REPORT}?sort=name&q=boston`)
    assert.lengthOf(names(boston.text), 25)
    assert.include(text(boston.text), '27 wards matching “boston”')
    assert.include(
      boston.text,
      'href="/staff/reports/who-we-reach?q=boston&amp;sort=name&amp;page=2"'
    )
    // By ward name, any case.
    assert.deepEqual(names((await browser.get(`${REPORT}?q=RYDE`)).text), ['Ryde South'])

    const none = await browser.get(`${REPORT}?q=Cowes&sort=rate`)
    assert.include(text(none.text), 'No ward matches “Cowes”. Clear the search to see every ward')
    assert.notInclude(none.text, 'id="wards-reach"')
    assert.include(none.text, 'href="/staff/reports/who-we-reach?sort=rate&amp;all=1"')
    // The CSV stays every ward, whatever the search.
    const csv = await browser.get(`${REPORT}/wards.csv`)
    assert.lengthOf(parse(csv.text.replace(/^\uFEFF/, '')), 31)

    // Coming back from the menu shows the last search; "Clear the search" forgets it.
    const back = await browser.get(REPORT)
    assert.include(back.url, 'q=Cowes')
    const cleared = await browser.get(`${REPORT}?sort=rate&all=1`)
    assert.lengthOf(names(cleared.text), 25)
    assert.include(text(cleared.text), '30 wards, residents per 1,000 people, lowest first.')
  })

  test('the wards sort by residents, rate, ratio and district, hidden figures last', async ({
    assert,
  }) => {
    const { police } = await reachOfTheIsland()
    const browser = await signInStaff(await createStaff(police, 'analyst'))
    const shown = ['Newport Central', 'Ryde South', 'Carisbrooke', 'Central']
    for (const sort of ['residents', 'rate', 'ratio']) {
      assert.deepEqual(names((await browser.get(`${REPORT}?sort=${sort}`)).text), shown, sort)
    }
    assert.deepEqual(names((await browser.get(`${REPORT}?sort=district`)).text), [
      'Central',
      'Carisbrooke',
      'Newport Central',
      'Ryde South',
    ])
    // A wrong order is said beside the list, which keeps its usual order.
    const wrong = await browser.get(`${REPORT}?sort=sideways`)
    assert.include(text(wrong.text), 'There is a problem Choose an order from the list')
    assert.include(wrong.text, 'id="sort-error"')
    assert.deepEqual(names(wrong.text), ['Newport Central', 'Ryde South', 'Carisbrooke', 'Central'])
  })

  test('wards by group: each ward’s rate and ratio per group, small numbers hidden with a neighbour', async ({
    assert,
  }) => {
    const { police } = await reachOfTheIsland()
    await moreOfTheIsland(police)
    const browser = await signInStaff(await createStaff(police, 'analyst'))
    const page = await browser.get(`${REPORT}?groupsBy=sex`)
    assert.include(page.text, 'Wards by sex</caption>')
    assert.include(page.text, 'Female: residents per 1,000 people</th>')
    assert.include(page.text, 'Male: compared with the average</th>')
    // By hand: 60 answered of 22,000 people, 2.7273 per 1,000. Carisbrooke's 4 men are too few,
    // so its 20 women are hidden too (their rate and the ward's total would give the men away).
    const average = 60 / 22
    const two = (value: number) => String(Math.round(value * 100) / 100)
    assert.deepEqual(tableRows(page.text, 'ward-groups-reach'), [
      ['Carisbrooke', 'Isle of Wight', 'Hidden', 'Hidden', 'Too few to say', 'Too few to say'],
      ['Central', 'Boston', 'Too few to say', 'Too few to say', 'Too few to say', 'Too few to say'],
      ['Newport Central', 'Isle of Wight', '2.4', two(2.4 / average), '1.8', two(1.8 / average)],
      ['Ryde South', 'Isle of Wight', '4', two(4 / average), '2', two(2 / average)],
    ])
    assert.equal(two(4 / average), '1.47')
    const csv = await browser.get(`${REPORT}/ward-groups.csv?groupsBy=sex`)
    const rows: string[][] = parse(csv.text.replace(/^\uFEFF/, ''))
    assert.deepEqual(rows[0].slice(0, 3), [
      'Ward',
      'District',
      'Female: residents per 1,000 people',
    ])
    assert.deepEqual(rows[1], [
      'Carisbrooke',
      'Isle of Wight',
      'Hidden',
      'Hidden',
      'Too few to say',
      'Too few to say',
    ])

    // 6 women and 6 men in Central: enough to show, but Carisbrooke's women would then be the
    // only hidden figure of the women's column, whose total the groups table gives; so the
    // smallest other, Central's women, is hidden too, and with them Central's men.
    const central = await Area.findByOrFail('code', 'E05005541')
    await residents(central, police, 6, 'female')
    await residents(central, police, 6, 'male')
    const columns = await browser.get(`${REPORT}?groupsBy=sex`)
    assert.deepEqual(tableRows(columns.text, 'ward-groups-reach').slice(0, 2), [
      ['Carisbrooke', 'Isle of Wight', 'Hidden', 'Hidden', 'Too few to say', 'Too few to say'],
      ['Central', 'Boston', 'Hidden', 'Hidden', 'Hidden', 'Hidden'],
    ])
    assert.equal(tableRows(columns.text, 'ward-groups-reach')[2][2], '2.4')

    // A question with no Census figures loaded says so.
    const age = await browser.get(`${REPORT}?groupsBy=ageBand`)
    assert.include(text(age.text), 'There are no Census figures for this question yet')
  })

  test('as at a past date, residents are counted as they were, beside the end of the month before; a bad date is explained', async ({
    assert,
  }) => {
    const { police } = await reachOfTheIsland()
    const inWard = (code: string) =>
      db
        .from('resident_areas')
        .join('areas', 'areas.id', 'resident_areas.area_id')
        .where('areas.code', code)
        .select('resident_areas.resident_id')
    // Carisbrooke's 24 joined in February 2026, Ryde South's 15 in March, the rest today.
    await db
      .from('consents')
      .whereIn('resident_id', inWard('E05008482'))
      .update({ granted_at: sqlTime(DateTime.fromISO('2026-02-10T12:00:00Z')) })
    await db
      .from('consents')
      .whereIn('resident_id', inWard('E05008506'))
      .update({ granted_at: sqlTime(DateTime.fromISO('2026-03-05T12:00:00Z')) })
    const browser = await signInStaff(await createStaff(police, 'analyst'))

    const page = await browser.get(`${REPORT}?asAt=date&day=15&month=3&year=2026&sort=name`)
    const said = text(page.text)
    assert.include(said, 'As at 15 March 2026')
    // Only the Isle of Wight's wards are their area then: 39 of 19,000 people, 2.05 per 1,000;
    // at the end of February, 24 of them, 1.26 per 1,000. Newport Central had none, too few to
    // show, so Ryde South's 15 are hidden too: the district's 39 less Carisbrooke's 24 would tell.
    assert.include(said, '39 , was 24 on 28 February 2026')
    assert.include(said, '2.05 , was 1.26 on 28 February 2026')
    assert.deepEqual(
      tableRows(page.text, 'wards-reach').map((row) => row.slice(0, 3)),
      [
        ['Carisbrooke', 'Isle of Wight', '24'],
        ['Newport Central', 'Isle of Wight', 'Fewer than 5'],
        ['Ryde South', 'Isle of Wight', 'Hidden'],
      ]
    )
    // The links keep the date: the CSV counts as at it too.
    assert.include(
      page.text,
      'href="/staff/reports/who-we-reach/wards.csv?asAt=date&amp;day=15&amp;month=3&amp;year=2026"'
    )
    const csv = await browser.get(`${REPORT}/wards.csv?asAt=date&day=15&month=3&year=2026`)
    assert.lengthOf(parse(csv.text.replace(/^\uFEFF/, '')), 4)

    // Today: every resident, compared with the end of last month.
    const endOfLastMonth = DateTime.now()
      .setZone('Europe/London')
      .startOf('month')
      .minus({ days: 1 })
      .setLocale('en-GB')
      .toFormat('d LLLL yyyy')
    const today = text((await browser.get(`${REPORT}?asAt=today`)).text)
    assert.include(today, 'As at today')
    assert.include(today, `52 , was 39 on ${endOfLastMonth}`)
    const lastMonth = text((await browser.get(`${REPORT}?asAt=last-month`)).text)
    assert.include(lastMonth, `As at ${endOfLastMonth}`)

    const february30 = text(
      (await browser.get(`${REPORT}?asAt=date&day=30&month=2&year=2026`)).text
    )
    assert.include(february30, 'There is no 30 February 2026: enter a real date')
    assert.include(february30, 'Correct the date above to see the figures')
    const future = text((await browser.get(`${REPORT}?asAt=date&day=1&month=1&year=2999`)).text)
    assert.include(future, 'The date must be today or in the past')
    const missing = text((await browser.get(`${REPORT}?asAt=date&day=1`)).text)
    assert.include(missing, 'Enter the date’s day, month and year')
    const month13 = text((await browser.get(`${REPORT}?asAt=date&day=1&month=13&year=2026`)).text)
    assert.include(month13, 'The month must be a number from 1 to 12')
  })
})
