import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { nextAllowedTime } from '#services/messaging/delivery/quiet_hours'

const london = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/London' })
const night = { quietFrom: '21:00', quietTo: '08:00', emergencyOverride: true }

test.group('Quiet hours', () => {
  test('outside the window a delivery goes at once', ({ assert }) => {
    assert.isNull(nextAllowedTime(night, 2, london('2026-06-10T12:00')))
    assert.isNull(nextAllowedTime(undefined, 2, london('2026-06-10T23:00')))
  })

  test('inside a window that crosses midnight it waits for the morning', ({ assert }) => {
    assert.equal(
      nextAllowedTime(night, 2, london('2026-06-10T22:30'))!.toISO(),
      london('2026-06-11T08:00').toISO()
    )
    assert.equal(
      nextAllowedTime(night, 2, london('2026-06-11T03:00'))!.toISO(),
      london('2026-06-11T08:00').toISO()
    )
  })

  test('a daytime window ends the same day', ({ assert }) => {
    const work = { quietFrom: '09:00', quietTo: '17:30', emergencyOverride: false }
    assert.equal(
      nextAllowedTime(work, 3, london('2026-06-10T10:00'))!.toISO(),
      london('2026-06-10T17:30').toISO()
    )
    assert.isNull(nextAllowedTime(work, 3, london('2026-06-10T17:30')))
  })

  test('an emergency overrides the window only when the resident allows it', ({ assert }) => {
    assert.isNull(nextAllowedTime(night, 5, london('2026-06-10T23:00')))
    const strict = { ...night, emergencyOverride: false }
    assert.isNotNull(nextAllowedTime(strict, 5, london('2026-06-10T23:00')))
  })

  test('local time is used across the change to summer time', ({ assert }) => {
    // 29 March 2026: clocks go forward at 01:00 UTC. 07:30 UTC is 08:30 local, after the window.
    const utcMorning = DateTime.fromISO('2026-03-29T07:30', { zone: 'utc' })
    assert.isNull(nextAllowedTime(night, 2, utcMorning))
    // 06:30 UTC is 07:30 local: still quiet, until 08:00 local, which is 07:00 UTC.
    const early = DateTime.fromISO('2026-03-29T06:30', { zone: 'utc' })
    assert.equal(nextAllowedTime(night, 2, early)!.toUTC().toISO(), '2026-03-29T07:00:00.000Z')
  })
})
