import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import ReportPeriods from '#services/engagement/reports/report_period'

// A Monday in December 2026, mid-morning in the UK.
const NOW = DateTime.fromISO('2026-12-07T10:30:00Z')
const iso = (instant: DateTime) => instant.toUTC().toISO()

test.group('Report periods', () => {
  test('the presets: whole UK days up to today, and the same number of days before', ({
    assert,
  }) => {
    const thisMonth = ReportPeriods.resolve({ period: 'this-month' }, NOW).period!
    assert.equal(thisMonth.label, '1 December 2026 to 7 December 2026')
    assert.equal(thisMonth.days, 7)
    assert.equal(thisMonth.previous.label, '24 November 2026 to 30 November 2026')
    assert.equal(thisMonth.bucketUnit, 'day')
    assert.lengthOf(thisMonth.buckets, 7)

    const lastMonth = ReportPeriods.resolve({ period: 'last-month' }, NOW).period!
    assert.equal(lastMonth.label, '1 November 2026 to 30 November 2026')
    assert.equal(lastMonth.previous.label, '2 October 2026 to 31 October 2026')

    const ninety = ReportPeriods.resolve({ period: 'last-90-days' }, NOW).period!
    assert.equal(ninety.days, 90)
    assert.equal(ninety.bucketUnit, 'week')
    assert.equal(ninety.buckets[0].label, 'Week from 9 Sept 2026')
    // 90 days: 12 weeks and a last part week of 6 days, ending with the period.
    assert.lengthOf(ninety.buckets, 13)
    assert.equal(iso(ninety.buckets.at(-1)!.until), iso(ninety.until))

    // 341 days of this year: weeks; past a year: months, the last a part month.
    const year = ReportPeriods.resolve({ period: 'this-year' }, NOW).period!
    assert.equal(year.bucketUnit, 'week')
    assert.lengthOf(year.buckets, 49)
    const twoYears = ReportPeriods.resolve(
      {
        period: 'custom',
        fromDay: 15,
        fromMonth: 1,
        fromYear: 2025,
        toDay: 6,
        toMonth: 12,
        toYear: 2026,
      },
      NOW
    ).period!
    assert.equal(twoYears.bucketUnit, 'month')
    assert.lengthOf(twoYears.buckets, 24)
    assert.deepEqual(
      [twoYears.buckets[0].label, twoYears.buckets.at(-1)!.label],
      ['Jan 2025', 'Dec 2026']
    )
  })

  test('UK days across the clocks changing: March 2026 ends at 23:00 UTC', ({ assert }) => {
    const { period } = ReportPeriods.resolve(
      {
        period: 'custom',
        fromDay: 1,
        fromMonth: 3,
        fromYear: 2026,
        toDay: 31,
        toMonth: 3,
        toYear: 2026,
      },
      NOW
    )
    assert.equal(iso(period!.from), '2026-03-01T00:00:00.000Z')
    assert.equal(iso(period!.until), '2026-03-31T23:00:00.000Z')
    assert.equal(period!.days, 31)
    assert.equal(iso(period!.previous.from), '2026-01-29T00:00:00.000Z')
    assert.lengthOf(period!.buckets, 31)
    assert.deepEqual(period!.query, {
      period: 'custom',
      fromDay: '1',
      fromMonth: '3',
      fromYear: '2026',
      toDay: '31',
      toMonth: '3',
      toYear: '2026',
    })
  })

  test('custom dates that make no period are refused in plain English', ({ assert }) => {
    const errors = (dates: Record<string, number>) =>
      ReportPeriods.resolve({ period: 'custom', ...dates }, NOW).errors
    const march = { fromDay: 1, fromMonth: 3, fromYear: 2026, toDay: 31, toMonth: 3, toYear: 2026 }
    assert.deepEqual(errors({ ...march, fromDay: 31, fromMonth: 4 }), {
      fromDay: 'The start date must be a real date',
    })
    assert.deepEqual(errors({ ...march, fromMonth: 4 }), {
      fromDay: 'The start date must be the same as or before the end date',
    })
    assert.deepEqual(errors({ ...march, toYear: 2027 }), {
      toDay: 'The end date must be today or before',
    })
    assert.deepEqual(errors({ ...march, fromYear: 2021 }), {
      fromDay: 'The period must be 5 years or shorter: choose a later start date',
    })
    // Exactly five years is allowed.
    assert.isNull(errors({ ...march, fromDay: 1, fromMonth: 4, fromYear: 2021 }))
    assert.deepEqual(errors({}), {
      fromDay: 'Enter the start date, for example 7 11 2026',
      toDay: 'Enter the end date, for example 7 12 2026',
    })
  })
})
