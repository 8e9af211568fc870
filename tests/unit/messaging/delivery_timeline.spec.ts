import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import DeliveryTimeline from '#services/messaging/reports/delivery_timeline'
import type { FigureRow } from '#services/messaging/reports/delivery_figures'

const minuteOf = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' }).toSeconds() / 60

function row(iso: string | null, status = 'sent', total = 1, channel = 'email'): FigureRow {
  return { channel, status, retried: false, minute: iso ? minuteOf(iso) : null, total }
}

test.group('Delivery timeline', () => {
  test('a short send is drawn a minute a bar, empty minutes included', ({ assert }) => {
    const timeline = DeliveryTimeline.of([
      row('2026-01-15T10:00:00'),
      row('2026-01-15T10:03:00', 'failed', 2),
      row(null, 'pending', 5),
      row(null, 'skipped', 1),
    ])
    assert.equal(timeline.intervalLabel, 'minute')
    assert.deepEqual(DeliveryTimeline.labels(timeline), ['10:00', '10:01', '10:02', '10:03'])
    assert.deepEqual(timeline.counts.get('email')!.get('sent'), [1, 0, 0, 0])
    assert.deepEqual(timeline.counts.get('email')!.get('failed'), [0, 0, 0, 2])
  })

  test('a longer send gets longer bars: 5 minutes for three hours, 3 hours for two days', ({
    assert,
  }) => {
    const threeHours = DeliveryTimeline.of([
      row('2026-01-15T10:02:00', 'sent', 4),
      row('2026-01-15T10:04:00', 'sent', 1),
      row('2026-01-15T13:01:00', 'delivered', 3),
    ])
    assert.equal(threeHours.intervalLabel, '5 minutes')
    const labels = DeliveryTimeline.labels(threeHours)
    assert.equal(labels[0], '10:00')
    assert.equal(labels.at(-1), '13:00')
    assert.equal(threeHours.counts.get('email')!.get('sent')![0], 5)
    assert.isAtMost(labels.length, 48)

    const twoDays = DeliveryTimeline.of([row('2026-01-15T10:00:00'), row('2026-01-17T09:00:00')])
    assert.equal(twoDays.intervalLabel, '3 hours')
    assert.equal(DeliveryTimeline.labels(twoDays)[0], '15 Jan 09:00')
  })

  test('bars are labelled in UK time: an hour ahead of UTC in summer', ({ assert }) => {
    const summer = DeliveryTimeline.of([row('2026-07-01T09:00:00'), row('2026-07-01T09:01:00')])
    assert.deepEqual(DeliveryTimeline.labels(summer), ['10:00', '10:01'])
  })

  test('with nothing sent or failed, the chart says there is nothing to show', ({ assert }) => {
    const chart = DeliveryTimeline.chart(DeliveryTimeline.of([row(null, 'pending', 3)]), 7)
    assert.isTrue(chart.empty)
    assert.equal(chart.csvUrl, '/staff/alerts/7/report/timeline.csv')
  })
})
