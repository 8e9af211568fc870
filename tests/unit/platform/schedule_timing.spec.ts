import { test } from '@japa/runner'
import { parseEvery } from '#services/platform/plugins/schedule_timing'

const at = (iso: string) => Date.parse(iso)

test.group('When a plugin’s scheduled job falls due', () => {
  test('an interval runs once in each slot, slots aligned to UTC', ({ assert }) => {
    const hourly = parseEvery('1h')
    assert.equal(hourly.slotAt(at('2026-12-06T20:00:00Z')), at('2026-12-06T20:00:00Z'))
    assert.equal(hourly.slotAt(at('2026-12-06T20:59:59Z')), at('2026-12-06T20:00:00Z'))
    assert.equal(hourly.slotAt(at('2026-12-06T21:00:01Z')), at('2026-12-06T21:00:00Z'))
    assert.equal(parseEvery('1d').slotAt(at('2026-12-06T20:15:00Z')), at('2026-12-06T00:00:00Z'))
    assert.equal(parseEvery('15m').slotAt(at('2026-12-06T20:29:00Z')), at('2026-12-06T20:15:00Z'))
  })

  test('a cron expression is due only in its minutes', ({ assert }) => {
    const nightly = parseEvery('30 2 * * *')
    assert.equal(nightly.slotAt(at('2026-12-06T02:30:40Z')), at('2026-12-06T02:30:00Z'))
    assert.isNull(nightly.slotAt(at('2026-12-06T02:31:00Z')))
    assert.isNull(nightly.slotAt(at('2026-12-06T03:30:00Z')))

    const quarterly = parseEvery('*/15 9-17 * * 1-5')
    // 7 December 2026 is a Monday; the 6th a Sunday.
    assert.isNotNull(quarterly.slotAt(at('2026-12-07T09:45:00Z')))
    assert.isNull(quarterly.slotAt(at('2026-12-07T09:50:00Z')))
    assert.isNull(quarterly.slotAt(at('2026-12-07T18:00:00Z')))
    assert.isNull(quarterly.slotAt(at('2026-12-06T09:45:00Z')))
    assert.isNotNull(parseEvery('0 0 1,15 * *').slotAt(at('2026-12-15T00:00:10Z')))
  })

  test('refuses what it cannot read, saying why', ({ assert }) => {
    assert.throws(() => parseEvery('hourly'), /use an interval \('1h'\) or five cron fields/)
    assert.throws(() => parseEvery('0m'), /at least 1m/)
    assert.throws(() => parseEvery('61 * * * *'), /out of range 0-59/)
    assert.throws(() => parseEvery('* * * * mon'), /cannot read "mon"/)
  })
})
