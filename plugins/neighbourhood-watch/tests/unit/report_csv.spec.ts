import { test } from '@japa/runner'
import { parse } from 'csv-parse/sync'
import { reportCsv } from '../../src/report_csv.js'
import type { SyncRun } from '../../src/sync_runs.js'

const run = { id: 7 } as SyncRun

test.group('Neighbourhood Watch: the report as CSV', () => {
  test('a cell a spreadsheet would run as a formula is kept as text', ({ assert }) => {
    const csv = reportCsv(run, [
      { change: 'rejected', subject: '=HYPERLINK("http://evil.test")', detail: '+44 7700 900123' },
      { change: 'added', subject: '@SUM(A1)', detail: '-1' },
      { change: 'removed', subject: 'Resident 4, member of Elm Road Watch', detail: 'Left' },
    ])
    assert.isTrue(csv.startsWith('\uFEFF'))
    const rows = parse(csv.replace(/^\uFEFF/, '')) as string[][]
    assert.deepEqual(rows, [
      ['Sync', 'Change', 'What', 'Details'],
      ['7', 'Rejected', `'=HYPERLINK("http://evil.test")`, `'+44 7700 900123`],
      ['7', 'Added', `'@SUM(A1)`, `'-1`],
      ['7', 'Removed', 'Resident 4, member of Elm Road Watch', 'Left'],
    ])
  })
})
