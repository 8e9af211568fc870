import { test } from '@japa/runner'
import { parse } from 'csv-parse/sync'
import StackedBarChart from '#services/platform/charts/stacked_bar_chart'
import { CHART_FILLS } from '#services/platform/charts/chart_fills'
import { chartCsv } from '#services/platform/charts/chart_csv'
import {
  spreadsheetCsvStream,
  spreadsheetSafe,
} from '#services/platform/infrastructure/spreadsheet_csv'

const input = {
  id: 'test-chart',
  title: 'Test chart',
  description: 'Two series over three periods.',
  categoryHeading: 'Period',
  categories: ['A', 'B', 'C'],
  series: [
    { key: 'one', label: 'One', values: [2, 0, 5] },
    { key: 'two', label: '=Two', values: [3, 4, 0] },
  ],
  csvUrl: '/chart.csv',
}

test.group('Stacked bar chart', () => {
  test('stacks each category’s figures, one bar a non-zero figure, heights in proportion', ({
    assert,
  }) => {
    const chart = StackedBarChart.build(input)
    assert.deepEqual(chart.totals, [5, 4, 5])
    assert.deepEqual(
      chart.bars.map((bar) => [bar.category, bar.seriesKey, bar.value]),
      [
        ['A', 'one', 2],
        ['C', 'one', 5],
        ['A', 'two', 3],
        ['B', 'two', 4],
      ]
    )
    // The same height per unit in every bar; the second series sits on the first.
    const [a1, c1, a2] = chart.bars
    assert.closeTo(a1.height / 2, c1.height / 5, 0.2)
    assert.closeTo(a2.y + a2.height, a1.y, 0.2)
    assert.isBelow(a1.y + a1.height, chart.plot.bottom + 0.2)
    assert.equal(a1.text, 'A, One: 2')
    // Each series its own fill: colour and pattern both differ.
    assert.notEqual(chart.fills[0].pattern, chart.fills[1].pattern)
    assert.equal(chart.fills[1].patternId, 'test-chart-fill-1')
    assert.isFalse(chart.empty)
  })

  test('a series may bring its own fill; nothing to draw is said so', ({ assert }) => {
    const fill = CHART_FILLS[3]
    const chart = StackedBarChart.build({
      ...input,
      series: [{ key: 'x', label: 'X', values: [0, 0, 0], fill }],
    })
    assert.isTrue(chart.empty)
    assert.lengthOf(chart.bars, 0)
    assert.equal(chart.fills[0].colour, fill.colour)
  })

  test('its CSV is the table with totals, every cell safe for a spreadsheet', ({ assert }) => {
    const rows = parse(chartCsv(StackedBarChart.build(input)), { bom: true })
    assert.deepEqual(rows, [
      ['Period', 'One', "'=Two", 'Total'],
      ['A', '2', '3', '5'],
      ['B', '0', '4', '4'],
      ['C', '5', '0', '5'],
    ])
  })
})

test.group('Spreadsheet CSV', () => {
  test('cells that a spreadsheet would run as formulas get a leading quote mark', ({ assert }) => {
    for (const risky of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx']) {
      assert.equal(spreadsheetSafe(risky), `'${risky}`)
    }
    assert.equal(spreadsheetSafe('Plain text = fine'), 'Plain text = fine')
  })

  test('a stream writes every page of rows, made safe, after one byte-order mark', async ({
    assert,
  }) => {
    async function* pages() {
      yield [['a', 1]]
      yield [
        ['=b', 2],
        ['c', null],
      ]
    }
    let text = ''
    for await (const chunk of spreadsheetCsvStream(['Name', 'Count'], pages())) text += chunk
    assert.isTrue(text.startsWith('\uFEFFName,Count\r\n'))
    assert.equal(text.split('\uFEFF').length, 2)
    assert.deepEqual(parse(text, { bom: true }), [
      ['Name', 'Count'],
      ['a', '1'],
      ["'=b", '2'],
      ['c', ''],
    ])
  })
})
