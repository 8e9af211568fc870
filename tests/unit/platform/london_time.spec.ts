import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import LondonTime from '#services/platform/infrastructure/london_time'
import AlertScheduling, { ScheduleRefusal } from '#services/messaging/alert_scheduling'

function at(year: number, month: number, day: number, hour: number, minute: number) {
  return { year, month, day, hour, minute }
}

function utc(iso: string) {
  return DateTime.fromISO(iso, { zone: 'utc' }).toISO()
}

test.group('London time', () => {
  test('winter is GMT and summer is BST', ({ assert }) => {
    const winter = LondonTime.toUtc(at(2027, 1, 15, 9, 0))
    assert.equal(winter.kind, 'exact')
    assert.equal(winter.kind === 'exact' && winter.instant.toISO(), utc('2027-01-15T09:00'))
    const summer = LondonTime.toUtc(at(2027, 7, 1, 9, 0))
    assert.equal(summer.kind === 'exact' && summer.instant.toISO(), utc('2027-07-01T08:00'))
    assert.equal(
      LondonTime.describe(DateTime.fromISO('2027-01-15T09:00Z')),
      'Friday 15 January 2027 at 09:00 GMT'
    )
    assert.equal(
      LondonTime.describe(DateTime.fromISO('2027-07-01T08:00Z')),
      'Thursday 1 July 2027 at 09:00 BST'
    )
  })

  test('when the clocks go forward (28 March 2027), 01:00 to 01:59 does not exist', ({
    assert,
  }) => {
    assert.equal(LondonTime.toUtc(at(2027, 3, 28, 1, 0)).kind, 'nonexistent')
    assert.equal(LondonTime.toUtc(at(2027, 3, 28, 1, 30)).kind, 'nonexistent')
    assert.equal(LondonTime.toUtc(at(2027, 3, 28, 1, 59)).kind, 'nonexistent')
    const before = LondonTime.toUtc(at(2027, 3, 28, 0, 59))
    assert.equal(before.kind === 'exact' && before.instant.toISO(), utc('2027-03-28T00:59'))
    const after = LondonTime.toUtc(at(2027, 3, 28, 2, 0))
    assert.equal(after.kind === 'exact' && after.instant.toISO(), utc('2027-03-28T01:00'))
    assert.equal(
      LondonTime.describe(DateTime.fromISO('2027-03-28T00:59Z')),
      'Sunday 28 March 2027 at 00:59 GMT'
    )
    assert.equal(
      LondonTime.describe(DateTime.fromISO('2027-03-28T01:00Z')),
      'Sunday 28 March 2027 at 02:00 BST'
    )
  })

  test('when the clocks go back (31 October 2027), 01:00 to 01:59 happens twice', ({ assert }) => {
    const twice = LondonTime.toUtc(at(2027, 10, 31, 1, 30))
    assert.equal(twice.kind, 'ambiguous')
    if (twice.kind !== 'ambiguous') return
    assert.equal(twice.instant.toISO(), utc('2027-10-31T00:30'))
    assert.equal(twice.later.toISO(), utc('2027-10-31T01:30'))
    assert.equal(LondonTime.describe(twice.instant), 'Sunday 31 October 2027 at 01:30 BST')
    assert.equal(LondonTime.describe(twice.later), 'Sunday 31 October 2027 at 01:30 GMT')

    const before = LondonTime.toUtc(at(2027, 10, 31, 0, 59))
    assert.equal(before.kind === 'exact' && before.instant.toISO(), utc('2027-10-30T23:59'))
    const after = LondonTime.toUtc(at(2027, 10, 31, 2, 0))
    assert.equal(after.kind === 'exact' && after.instant.toISO(), utc('2027-10-31T02:00'))
  })

  test('a date that does not exist is invalid', ({ assert }) => {
    assert.equal(LondonTime.toUtc(at(2027, 2, 29, 9, 0)).kind, 'invalid')
    assert.equal(LondonTime.toUtc(at(2028, 2, 29, 9, 0)).kind, 'exact')
  })

  test('scheduling refuses the past, a missing hour and a time over a year ahead, and explains a doubled hour', ({
    assert,
  }) => {
    const now = DateTime.fromISO('2027-03-01T12:00Z')
    const refusal = (local: ReturnType<typeof at>) => {
      try {
        AlertScheduling.resolve(local, now)
      } catch (error) {
        if (error instanceof ScheduleRefusal) return [error.field, error.message]
        throw error
      }
      return null
    }
    assert.deepEqual(refusal(at(2027, 3, 1, 11, 59)), [
      'time',
      'The time must be in the future. It is now Monday 1 March 2027 at 12:00 GMT',
    ])
    assert.deepEqual(refusal(at(2027, 3, 28, 1, 30)), [
      'time',
      '01:30 does not exist on Sunday 28 March 2027: the clocks go forward an hour at 01:00. Choose a time before 01:00 or from 02:00',
    ])
    assert.deepEqual(refusal(at(2028, 3, 2, 9, 0)), [
      'year',
      'Choose a time within the next 12 months',
    ])

    const doubled = AlertScheduling.resolve(at(2027, 10, 31, 1, 30), now)
    assert.equal(doubled.instant.toISO(), utc('2027-10-31T00:30'))
    assert.include(doubled.notice!, 'happens twice: the alert will go at the first 01:30 (BST)')
    assert.isNull(AlertScheduling.resolve(at(2027, 10, 31, 2, 30), now).notice)
  })
})
