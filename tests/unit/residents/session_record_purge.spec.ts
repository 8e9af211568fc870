import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import SessionRecordPurge from '#services/residents/self_service/session_record_purge'
import { sqlTime } from '#services/platform/infrastructure/sql_time'
import { createOrganisation, createResident, seedAreas } from '#tests/helpers/fixtures'
import { emptyTablesAfterwards } from '#tests/helpers/database'

test.group('Purging resident session and contact-change records', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('deletes ended sessions and month-old records, and keeps what may still be in use', async ({
    assert,
  }) => {
    const { central } = await seedAreas()
    const resident = await createResident(central, [await createOrganisation()])
    const daysAgo = (days: number) => sqlTime(DateTime.now().minus({ days }))
    const session = (key: string, createdDays: number, endedDays: number | null) => ({
      resident_id: resident.id,
      key_hash: key.padEnd(64, '0'),
      created_at: daysAgo(createdDays),
      ended_at: endedDays === null ? null : daysAgo(endedDays),
    })
    await db
      .table('resident_sessions')
      .multiInsert([
        session('open', 0, null),
        session('ended-today', 0, 0),
        session('ended-two-days-ago', 3, 2),
        session('open-for-a-month', 31, null),
      ])
    const change = (key: string, createdDays: number) => ({
      resident_id: resident.id,
      field: 'email',
      new_value: `${key}@example.test`,
      token_hash: key.padEnd(64, '0'),
      expires_at: daysAgo(createdDays - 7),
      created_at: daysAgo(createdDays),
    })
    await db.table('contact_changes').multiInsert([change('recent', 6), change('old', 31)])

    assert.deepEqual(await SessionRecordPurge.purge(), { sessions: 2, changes: 1 })
    const keys = (await db.from('resident_sessions').orderBy('id')).map((row) =>
      row.key_hash.replace(/0+$/, '')
    )
    assert.deepEqual(keys, ['open', 'ended-today'])
    const changes = await db.from('contact_changes').select('new_value')
    assert.deepEqual(
      changes.map((row) => row.new_value),
      ['recent@example.test']
    )
  })
})
