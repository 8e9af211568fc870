import { test } from '@japa/runner'
import { parse } from 'csv-parse/sync'
import Area from '#models/areas/area'
import { createOrganisation, createResident, createStaff } from '#tests/helpers/fixtures'
import { signInStaff } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import {
  MARCH_2026,
  periodErrors,
  residentsOfMarch,
  summaryText,
  tableRows,
} from '#tests/helpers/organisation_report_fixtures'

const REPORT = '/staff/reports/residents'

test.group('Residents report', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('the figures for March 2026 and the 31 days before match the hand count', async ({
    assert,
  }) => {
    const { police } = await residentsOfMarch()
    const browser = await signInStaff(await createStaff(police, 'analyst'))

    const page = await browser.get(`${REPORT}?${MARCH_2026}`)
    assert.equal(page.status, 200)
    assert.include(page.text, '1 March 2026 to 31 March 2026')
    assert.equal(summaryText(page.text, 'data-growth="current"'), '4 → 5, +25%')
    assert.equal(summaryText(page.text, 'data-growth="previous"'), '2 → 4, +100%')
    assert.include(page.text, 'The 31 days before (29 January 2026 to 28 February 2026)')

    // Day by day: J joins on the 2nd, E withdraws on the 10th, C joins on the 15th,
    // D on the 20th, F stops all alerts on the 25th.
    const days = Object.fromEntries(
      tableRows(page.text, 'residents-over-time').map(([day, residents]) => [day, residents])
    )
    assert.lengthOf(Object.keys(days), 31)
    assert.include(days, {
      '1 Mar 2026': '4',
      '2 Mar 2026': '5',
      '10 Mar 2026': '4',
      '15 Mar 2026': '5',
      '20 Mar 2026': '6',
      '25 Mar 2026': '5',
      '31 Mar 2026': '5',
    })

    assert.deepEqual(tableRows(page.text, 'sources'), [
      ['Signed up on the doorstep', '2', '1', '-1', '-50%'],
      ['Imported', '0', '1', '+1', 'None before'],
      ['Signed up online', '2', '3', '+1', '+50%'],
      ['All residents', '4', '5', '+1', '+25%'],
    ])
    assert.deepEqual(tableRows(page.text, 'districts'), [
      ['Boston', '3', '4', '+1', '+33%'],
      ['Lincoln', '1', '1', '0', '0%'],
    ])
    // Today: G (since April) counts as well; everyone has an email address.
    const channels = tableRows(page.text, 'channels')
    assert.deepEqual(channels[0], ['Email', '6', '100%'])
    assert.include(page.text, '6 residents today')
  })

  test('wards page, and each table downloads as the page shows it', async ({ assert }) => {
    const { police } = await residentsOfMarch()
    const browser = await signInStaff(await createStaff(police, 'admin'))
    const page = await browser.get(`${REPORT}?${MARCH_2026}`)
    assert.deepEqual(tableRows(page.text, 'wards'), [
      ['Central', 'Boston', '2', '2', '0', '0%'],
      ['Skirbeck', 'Boston', '1', '2', '+1', '+100%'],
      ['Abbey', 'Lincoln', '1', '1', '0', '0%'],
    ])

    const sources = await browser.get(`${REPORT}/sources.csv?${MARCH_2026}`)
    assert.equal(sources.status, 200)
    assert.include(sources.headers.get('content-type') ?? '', 'text/csv')
    // Numbers as numbers; a change of -50% is -50, which a spreadsheet must not run as a formula.
    assert.deepEqual(parse(sources.text, { bom: true }), [
      ['Where they came from', 'At the start', 'At the end', 'Change', 'Change (%)'],
      ['Signed up on the doorstep', '2', '1', '-1', '-50'],
      ['Imported', '0', '1', '1', ''],
      ['Signed up online', '2', '3', '1', '50'],
      ['All residents', '4', '5', '1', '25'],
    ])
    const wards = parse((await browser.get(`${REPORT}/wards.csv?${MARCH_2026}`)).text, {
      bom: true,
    })
    assert.deepEqual(wards.slice(1), [
      ['Central', 'Boston', '2', '2', '0', '0'],
      ['Skirbeck', 'Boston', '1', '2', '1', '100'],
      ['Abbey', 'Lincoln', '1', '1', '0', '0'],
    ])
    const overTime = parse((await browser.get(`${REPORT}/over-time.csv?${MARCH_2026}`)).text, {
      bom: true,
    })
    assert.deepEqual(overTime[0], ['Day', 'Residents at the end'])
    assert.deepEqual(overTime[20], ['20 Mar 2026', '6'])
    const districts = await browser.get(`${REPORT}/districts.csv?${MARCH_2026}`)
    assert.include(districts.text, 'Boston,3,4,1,33')
    const channels = await browser.get(`${REPORT}/channels.csv?${MARCH_2026}`)
    assert.include(channels.text, 'Email,6,100')
  })

  test('wards come 25 a page, in district then ward order; the CSV has them all', async ({
    assert,
  }) => {
    const police = await createOrganisation('Lincolnshire Police')
    const district = await Area.create({ code: 'P-D', name: 'Pages', level: 'district' })
    // Ward 01 has one resident, ward 02 two, and so on: 27 wards, 378 residents.
    for (let number = 1; number <= 27; number++) {
      const name = `Ward ${String(number).padStart(2, '0')}`
      const ward = await Area.create({
        code: `P-W${number}`,
        name,
        level: 'ward',
        parentId: district.id,
      })
      for (let one = 0; one < number; one++) await createResident(ward, [police])
    }
    const browser = await signInStaff(await createStaff(police, 'admin'))
    const first = await browser.get(`${REPORT}?period=this-month`)
    const firstRows = tableRows(first.text, 'wards')
    assert.lengthOf(firstRows, 25)
    assert.deepEqual(firstRows[0], ['Ward 01', 'Pages', '0', '1', '+1', 'None before'])
    assert.include(first.text, 'href="/staff/reports/residents?period=this-month&amp;page=2"')

    const second = await browser.get(`${REPORT}?period=this-month&page=2`)
    assert.deepEqual(
      tableRows(second.text, 'wards').map((row) => [row[0], row[3]]),
      [
        ['Ward 26', '26'],
        ['Ward 27', '27'],
      ]
    )
    // The other tables do not page.
    assert.deepEqual(tableRows(second.text, 'districts'), [
      ['Pages', '0', '378', '+378', 'None before'],
    ])
    const csv = parse((await browser.get(`${REPORT}/wards.csv?period=this-month&page=2`)).text, {
      bom: true,
    })
    assert.lengthOf(csv, 28)
  })

  test('the fire service sees only its own resident', async ({ assert }) => {
    const { fire } = await residentsOfMarch()
    const browser = await signInStaff(await createStaff(fire, 'admin'))
    const page = await browser.get(`${REPORT}?${MARCH_2026}`)
    // A (since January) and its own resident of 1 March (counted from midday).
    assert.equal(summaryText(page.text, 'data-growth="current"'), '1 → 2, +100%')
    assert.deepEqual(tableRows(page.text, 'districts'), [['Boston', '1', '2', '+1', '+100%']])
    assert.notInclude(page.text, 'id="no-residents"')

    // Before anyone: nothing counted, and what to do about it.
    const before = await browser.get(
      `${REPORT}?period=custom&fromDay=1&fromMonth=1&fromYear=2025&toDay=31&toMonth=1&toYear=2025`
    )
    assert.equal(summaryText(before.text, 'data-growth="current"'), '0 → 0, no change')
    assert.include(before.text, 'Nobody was counted in this period.')
  })

  test('bad periods are refused in plain English, and no figures are shown', async ({ assert }) => {
    const { police } = await residentsOfMarch()
    const browser = await signInStaff(await createStaff(police, 'analyst'))
    const ask = async (query: string) => {
      const page = await browser.get(`${REPORT}?period=custom&${query}`)
      assert.equal(page.status, 200)
      return page
    }

    let page = await ask('fromDay=10&fromMonth=3&fromYear=2026&toDay=1&toMonth=3&toYear=2026')
    assert.deepEqual(periodErrors(page.text), [
      'The start date must be the same as or before the end date',
    ])
    assert.include(page.text, 'Correct the dates above to see the figures.')
    assert.notInclude(page.text, 'residents-summary')

    page = await ask('fromDay=31&fromMonth=2&fromYear=2026&toDay=31&toMonth=3&toYear=2026')
    assert.deepEqual(periodErrors(page.text), ['The start date must be a real date'])
    // What was typed is shown again.
    assert.include(page.text, 'name="fromDay" type="text" inputmode="numeric" value="31"')

    page = await ask('fromDay=1&fromMonth=1&fromYear=2020&toDay=31&toMonth=3&toYear=2026')
    assert.deepEqual(periodErrors(page.text), [
      'The period must be 5 years or shorter: choose a later start date',
    ])

    page = await ask('fromDay=1&fromMonth=13&fromYear=2026&toDay=&toMonth=&toYear=')
    assert.sameMembers(periodErrors(page.text), [
      'The start date’s month must be a number from 1 to 12',
    ])
    page = await ask('fromDay=1&fromMonth=3&fromYear=2026')
    assert.match(periodErrors(page.text)[0], /^Enter the end date, for example \d+ \d+ \d{4}$/)
    page = await ask('fromDay=1&fromMonth=3&fromYear=2026&toDay=1&toMonth=1&toYear=2999')
    assert.deepEqual(periodErrors(page.text), ['The end date must be today or before'])

    page = await browser.get(`${REPORT}?period=forever`)
    assert.deepEqual(periodErrors(page.text), ['Choose a period from the list'])
    // A CSV asked for a bad period goes back to the page, which says why.
    const csv = await browser.get(`${REPORT}/sources.csv?period=forever`)
    assert.equal(new URL(csv.url).pathname, REPORT)
    assert.deepEqual(periodErrors(csv.text), ['Choose a period from the list'])
  })

  test('the preset periods show this month by default, and last month', async ({ assert }) => {
    const { police } = await residentsOfMarch()
    const browser = await signInStaff(await createStaff(police, 'admin'))
    const page = await browser.get(REPORT)
    assert.equal(page.status, 200)
    assert.include(page.text, '<option value="this-month" selected>')
    // Everyone counted today was counted at the start of this month too.
    assert.equal(summaryText(page.text, 'data-growth="current"'), '6 → 6, 0%')
    for (const period of ['last-month', 'last-90-days', 'this-year']) {
      const other = await browser.get(`${REPORT}?period=${period}`)
      assert.equal(other.status, 200)
      assert.include(other.text, `<option value="${period}" selected>`)
      assert.include(other.text, 'residents-over-time')
    }
  })
})
