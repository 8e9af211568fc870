import { test } from '@japa/runner'
import { parse } from 'csv-parse/sync'
import LineChart from '#services/platform/charts/line_chart'
import { chartCsv } from '#services/platform/charts/chart_csv'

const input = {
  id: 'levels',
  title: 'Residents over time',
  description: 'Residents at the end of each day.',
  categoryHeading: 'Day',
  categories: ['1 Mar', '2 Mar', '3 Mar'],
  series: [
    { key: 'residents', label: 'Residents', values: [4, 8, 2] },
    { key: 'others', label: '=Others', values: [1, 1, 1] },
  ],
  csvUrl: '/levels.csv',
}

test.group('Line chart', () => {
  test('a point per figure, from left to right, its height in proportion from zero', ({
    assert,
  }) => {
    const chart = LineChart.build(input)
    assert.equal(chart.kind, 'line')
    assert.deepEqual(chart.bars, [])
    const [residents, others] = chart.lines!
    assert.deepEqual(
      residents.points.map((point) => [point.category, point.value]),
      [
        ['1 Mar', 4],
        ['2 Mar', 8],
        ['3 Mar', 2],
      ]
    )
    const [first, second, third] = residents.points
    assert.isBelow(first.x, second.x)
    assert.isBelow(second.x, third.x)
    const above = (point: { y: number }) => chart.plot.bottom - point.y
    assert.closeTo(above(second) / 8, above(first) / 4, 0.1)
    assert.closeTo(above(third) / 2, above(first) / 4, 0.1)
    assert.equal(
      residents.path,
      `M${first.x},${first.y} L${second.x},${second.y} L${third.x},${third.y}`
    )
    // Told apart by dash as well as colour, and named in the legend.
    assert.notEqual(residents.dash, others.dash)
    assert.deepEqual(
      chart.legend.map((item) => item.label),
      ['Residents', '=Others']
    )
  })

  test('its CSV is the table without a total column, every cell safe', ({ assert }) => {
    assert.deepEqual(parse(chartCsv(LineChart.build(input)), { bom: true }), [
      ['Day', 'Residents', "'=Others"],
      ['1 Mar', '4', '1'],
      ['2 Mar', '8', '1'],
      ['3 Mar', '2', '1'],
    ])
  })
})
