import { test } from '@japa/runner'
import ace from '@adonisjs/core/services/ace'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import Resident from '#models/residents/resident'
import ResidentTokens from '#services/residents/registration/resident_tokens'
import UnconfirmedSignUpPurge from '#services/residents/registration/unconfirmed_sign_up_purge'
import DailyHousekeeping from '#jobs/daily_housekeeping'
import redis from '@adonisjs/redis/services/main'
import { sqlTime } from '#services/platform/infrastructure/sql_time'
import { redisKey } from '#services/platform/infrastructure/redis_keys'
import { createOrganisation, createResident, seedAreas, uniqueEmail } from '#tests/helpers/fixtures'
import type Area from '#models/areas/area'
import ResidentsPurgeUnconfirmed from '../../../app/commands/residents_purge_unconfirmed.js'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import { createScheme } from '#tests/helpers/resident_fixtures'
import SchemeJoinRequests from '#services/residents/coordinators/scheme_join_requests'

async function signUpDaysAgo(
  ward: Area,
  days: number,
  status: 'pending' | 'active' | 'unsubscribed'
) {
  const resident = await Resident.create({
    name: `Signed up ${days} days ago`,
    email: uniqueEmail(),
    status,
    source: 'web',
    language: 'en',
    priorityThreshold: 1,
  })
  await resident.related('areas').attach([ward.id])
  await ResidentTokens.issue(resident.id, 'confirm_email', 48)
  // A watch scheme ticked at sign-up: the request goes with an unconfirmed sign-up.
  const scheme = await createScheme(`Watch ${resident.id}`, 'neighbourhood_watch', ward)
  await db.transaction((trx) => SchemeJoinRequests.askAtSignUp(resident.id, [scheme.id], trx))
  await db
    .from('residents')
    .where('id', resident.id)
    .update({ created_at: sqlTime(DateTime.now().minus({ days })) })
  return resident
}

test.group('Purging unconfirmed sign-ups', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('deletes sign-ups still pending after the given days, with everything hanging off them', async ({
    assert,
  }) => {
    const { central } = await seedAreas()
    const stale = await signUpDaysAgo(central, 31, 'pending')
    const recent = await signUpDaysAgo(central, 29, 'pending')
    const confirmedLongAgo = await signUpDaysAgo(central, 400, 'active')
    const stoppedLongAgo = await signUpDaysAgo(central, 400, 'unsubscribed')

    const deleted = await UnconfirmedSignUpPurge.purge(30)

    assert.equal(deleted, 1)
    assert.isNull(await Resident.find(stale.id))
    for (const kept of [recent, confirmedLongAgo, stoppedLongAgo]) {
      assert.isNotNull(await Resident.find(kept.id), kept.name)
    }
    for (const table of ['resident_areas', 'resident_tokens', 'scheme_join_requests']) {
      assert.lengthOf(await db.from(table).where('resident_id', stale.id), 0, table)
      assert.lengthOf(await db.from(table).where('resident_id', recent.id), 1, table)
    }
  })

  test('works through more sign-ups than one batch', async ({ assert }) => {
    const old = sqlTime(DateTime.now().minus({ days: 60 }))
    const rows = Array.from({ length: 1203 }, (_, index) => ({
      name: `Pending ${index}`,
      email: `pending-${index}@example.test`,
      status: 'pending',
      source: 'web',
      language: 'en',
      priority_threshold: 1,
      created_at: old,
      updated_at: old,
    }))
    for (let start = 0; start < rows.length; start += 200) {
      await db.table('residents').multiInsert(rows.slice(start, start + 200))
    }
    const organisation = await createOrganisation()
    const { central } = await seedAreas()
    const active = await createResident(central, [organisation])

    assert.equal(await UnconfirmedSignUpPurge.purge(30), 1203)
    const left = await db.from('residents').select('id')
    assert.deepEqual(
      left.map((row) => Number(row.id)),
      [active.id]
    )
  })

  test('the command takes --days, and refuses a number of days that makes no sense', async ({
    assert,
    cleanup,
  }) => {
    ace.ui.switchMode('raw')
    cleanup(() => ace.ui.switchMode('normal'))
    const { central } = await seedAreas()
    const stale = await signUpDaysAgo(central, 8, 'pending')
    const recent = await signUpDaysAgo(central, 6, 'pending')

    const command = await ace.create(ResidentsPurgeUnconfirmed, ['--days', '7'])
    await command.exec()
    command.assertSucceeded()
    command.assertLog('[ green(success) ] Deleted 1 sign-up not confirmed within 7 days')
    assert.isNull(await Resident.find(stale.id))
    assert.isNotNull(await Resident.find(recent.id))

    const refused = await ace.create(ResidentsPurgeUnconfirmed, ['--days', '0'])
    await refused.exec()
    refused.assertFailed()
    refused.assertLog('[ red(error) ] --days must be a whole number of days, 1 or more', 'stderr')
    assert.isNotNull(await Resident.find(recent.id))

    const byDefault = await ace.create(ResidentsPurgeUnconfirmed, [])
    await byDefault.exec()
    byDefault.assertLog('[ green(success) ] Deleted 0 sign-ups not confirmed within 30 days')
  })
})

test.group('Daily housekeeping', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('purges old unconfirmed sign-ups once a day, whichever worker runs it', async ({
    assert,
    cleanup,
  }) => {
    const today = DateTime.now().toISODate()
    await redis.del(redisKey('housekeeping', today!))
    cleanup(async () => {
      await redis.del(redisKey('housekeeping', today!))
    })
    const old = await Resident.create({
      name: 'Never confirmed',
      email: 'old-pending@example.test',
      status: 'pending',
      source: 'web',
      language: 'en',
      priorityThreshold: 1,
    })
    await db
      .from('residents')
      .where('id', old.id)
      .update({ created_at: sqlTime(DateTime.now().minus({ days: 45 })) })

    await DailyHousekeeping.runIfDue()
    assert.isNull(await Resident.find(old.id))

    const again = await Resident.create({
      name: 'Also never confirmed',
      email: 'old-pending-2@example.test',
      status: 'pending',
      source: 'web',
      language: 'en',
      priorityThreshold: 1,
    })
    await db
      .from('residents')
      .where('id', again.id)
      .update({ created_at: sqlTime(DateTime.now().minus({ days: 45 })) })
    await DailyHousekeeping.runIfDue()
    assert.isNotNull(await Resident.find(again.id), 'the second run on the same day does nothing')
  })
})
