import { test } from '@japa/runner'
import { parse } from 'csv-parse/sync'
import { createStaff } from '#tests/helpers/fixtures'
import { signInStaff } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import {
  MARCH_2026,
  alertsOfMarch,
  periodErrors,
  summaryText,
  tableRows,
} from '#tests/helpers/organisation_report_fixtures'

const REPORT = '/staff/reports/alerts'

test.group('Alerts and deliveries report', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('alerts and deliveries of March 2026 and the 31 days before match the hand count', async ({
    assert,
  }) => {
    const { police } = await alertsOfMarch()
    const browser = await signInStaff(await createStaff(police, 'analyst'))

    const page = await browser.get(`${REPORT}?${MARCH_2026}`)
    assert.equal(page.status, 200)
    assert.equal(summaryText(page.text, 'data-summary="alerts"'), '3 (the 31 days before: 1)')
    assert.equal(summaryText(page.text, 'data-summary="deliveries"'), '14 (the 31 days before: 5)')
    assert.equal(summaryText(page.text, 'data-summary="failed"'), '4 (the 31 days before: 1)')

    assert.deepEqual(tableRows(page.text, 'categories'), [
      ['Burglary', '2', '0', '+2', 'None before'],
      ['Fraud and scams', '1', '0', '+1', 'None before'],
      ['No category', '0', '1', '-1', '-100%'],
      ['All alerts', '3', '1', '+2', '+200%'],
    ])
    assert.deepEqual(tableRows(page.text, 'priorities'), [
      ['1: Information', '0', '1', '-1', '-100%'],
      ['2: Advice', '0', '0', '0', 'None before'],
      ['3: Warning', '2', '0', '+2', 'None before'],
      ['4: Urgent', '1', '0', '+1', 'None before'],
      ['5: Emergency', '0', '0', '0', 'None before'],
      ['All alerts', '3', '1', '+2', '+200%'],
    ])
    const deliveries = tableRows(page.text, 'deliveries')
    assert.deepEqual(deliveries[0], ['Email', '6', '3', '2', '2', '10', '25%', '4', '0%'])
    assert.deepEqual(deliveries[1].slice(1), ['2', '0', '2', '0', '4', '50%', '1', '100%'])
    assert.deepEqual(deliveries[2], ['All channels', '8', '3', '4', '2', '14', '33.3%', '5', '20%'])

    // The charts' tables: this period's alerts by category in layers by priority; deliveries by outcome.
    assert.deepEqual(tableRows(page.text, 'by-category'), [
      ['Burglary', '1', '1', '2'],
      ['Fraud and scams', '1', '0', '1'],
    ])
    assert.deepEqual(tableRows(page.text, 'by-channel')[0], ['Email', '6', '2', '2', '10'])
  })

  test('each table downloads as the page shows it', async ({ assert }) => {
    const { police } = await alertsOfMarch()
    const browser = await signInStaff(await createStaff(police, 'admin'))
    const csv = async (table: string) => {
      const response = await browser.get(`${REPORT}/${table}.csv?${MARCH_2026}`)
      assert.equal(response.status, 200)
      assert.include(
        response.headers.get('content-disposition') ?? '',
        `alerts-${table}-2026-03-01-to-2026-03-31.csv`
      )
      return parse(response.text, { bom: true }) as string[][]
    }
    assert.deepEqual(await csv('categories'), [
      ['Category', 'This period', 'Previous period', 'Change', 'Change (%)'],
      ['Burglary', '2', '0', '2', ''],
      ['Fraud and scams', '1', '0', '1', ''],
      ['No category', '0', '1', '-1', '-100'],
      ['All alerts', '3', '1', '2', '200'],
    ])
    const priorities = await csv('priorities')
    assert.deepEqual(priorities[3], ['3: Warning', '2', '0', '2', ''])
    const deliveries = await csv('deliveries')
    assert.deepEqual(deliveries[0], [
      'Channel',
      'Sent',
      'Of which confirmed delivered',
      'Failed',
      'Other',
      'Total',
      'Failure rate',
      'Previous period: total',
      'Previous period: failure rate',
    ])
    assert.deepEqual(deliveries[1], ['Email', '6', '3', '2', '2', '10', '25', '4', '0'])
    assert.deepEqual(deliveries[3], ['All channels', '8', '3', '4', '2', '14', '33.3', '5', '20'])
    assert.deepEqual((await csv('by-category'))[1], ['Burglary', '1', '1', '2'])
    assert.deepEqual((await csv('by-channel'))[0], ['Channel', 'Sent', 'Failed', 'Other', 'Total'])
  })

  test('the fire service sees only its own alert', async ({ assert }) => {
    const { fire } = await alertsOfMarch()
    const browser = await signInStaff(await createStaff(fire, 'admin'))
    const page = await browser.get(`${REPORT}?${MARCH_2026}`)
    assert.equal(summaryText(page.text, 'data-summary="alerts"'), '1 (the 31 days before: 0)')
    assert.deepEqual(tableRows(page.text, 'deliveries'), [
      ['Email', '0', '0', '5', '0', '5', '100%', '0', 'None'],
      ['All channels', '0', '0', '5', '0', '5', '100%', '0', 'None'],
    ])
  })

  test('a bad period is refused in plain English; an empty one says what to do', async ({
    assert,
  }) => {
    const { police } = await alertsOfMarch()
    const browser = await signInStaff(await createStaff(police, 'admin'))
    const bad = await browser.get(
      `${REPORT}?period=custom&fromDay=30&fromMonth=2&fromYear=2026&toDay=1&toMonth=3&toYear=2026`
    )
    assert.deepEqual(periodErrors(bad.text), ['The start date must be a real date'])
    assert.include(bad.text, 'Correct the dates above to see the figures.')

    const empty = await browser.get(REPORT)
    assert.equal(empty.status, 200)
    assert.include(empty.text, 'No alert was sent in this period.')
  })
})
