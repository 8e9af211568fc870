import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import config from '@adonisjs/core/services/config'
import db from '@adonisjs/lucid/services/db'
import redis from '@adonisjs/redis/services/main'
import DailyHousekeeping from '#jobs/daily_housekeeping'
import ResidentDataExport from '#services/residents/privacy/resident_data_export'
import ResidentErasure from '#services/residents/privacy/resident_erasure'
import ReplyRetentionPurge from '#services/engagement/replies/reply_retention_purge'
import { redisKey } from '#services/platform/infrastructure/redis_keys'
import { sqlTime } from '#services/platform/infrastructure/sql_time'
import { BrowserLikeSession } from '#tests/helpers/http'
import { startBeaconProcess } from '#tests/helpers/child_process'
import { countRows } from '#tests/helpers/fixtures'
import { signInStaff } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import {
  messagesOf,
  received,
  replyAs,
  replyLink,
  replyWorld,
  threadOf,
} from '#tests/helpers/reply_fixtures'

/** Moves a thread's last message back by this many days. */
async function ageThread(id: number, days: number) {
  await db
    .from('alert_replies')
    .where('id', id)
    .update({ last_message_at: sqlTime(DateTime.now().minus({ days })) })
}

test.group('Replies are personal data', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('replies and answers are in the resident’s data download and go on erasure', async ({
    assert,
  }) => {
    const { resident, neighbour, alert, councilAlert, sender } = await replyWorld()
    await replyAs(resident.id, alert.id, 'I saw a van.')
    await replyAs(resident.id, councilAlert.id, 'The bins were not collected.')
    await replyAs(neighbour.id, alert.id, 'Me too.')
    const thread = await threadOf(resident.id, alert.id)
    const staff = await signInStaff(sender)
    await staff.get(`/staff/inbox/${thread.id}`)
    await staff.post(`/staff/inbox/${thread.id}/answer`, { body: 'Thank you, we will look.' })

    const data = await ResidentDataExport.collect(resident.id)
    const replies = data.alertReplies as Record<string, unknown>[]
    assert.deepEqual(
      replies.map(({ alert: about, organisation, from, message }) => ({
        about,
        organisation,
        from,
        message,
      })),
      [
        {
          about: 'Sheds broken into',
          organisation: 'Lincolnshire Police',
          from: 'You',
          message: 'I saw a van.',
        },
        {
          about: 'Bin day moved',
          organisation: 'Boston Council',
          from: 'You',
          message: 'The bins were not collected.',
        },
        {
          about: 'Sheds broken into',
          organisation: 'Lincolnshire Police',
          from: 'Lincolnshire Police',
          message: 'Thank you, we will look.',
        },
      ]
    )
    assert.match(String(replies[0].sentAt), /^\d{4}-\d{2}-\d{2}T/)
    assert.include(ResidentDataExport.toCsv(data), 'alertReplies,1,message,I saw a van.')

    await ResidentErasure.erase(resident.id)
    assert.deepEqual(await messagesOf(resident.id), [])
    assert.isNull(await threadOf(resident.id, alert.id))
    assert.deepEqual(await messagesOf(neighbour.id), [{ author: 'resident', body: 'Me too.' }])
    assert.equal(await countRows('alert_replies'), 1)
    assert.equal((await staff.get(`/staff/inbox/${thread.id}`)).status, 404)

    // Their old link records nothing and brings nothing back.
    const page = await new BrowserLikeSession().get(replyLink(resident.id, alert.id))
    assert.equal(page.status, 404)
    assert.include(page.text, 'This link is not valid')
    assert.equal(await countRows('alert_replies'), 1)
  })

  test('threads with no message for the retention period are purged; newer ones stay', async ({
    assert,
  }) => {
    const { resident, neighbour, alert, councilAlert } = await replyWorld()
    const old = await received(resident.id, alert.id, 'Old news')
    const recent = await received(resident.id, councilAlert.id, 'Still relevant')
    const edge = await received(neighbour.id, alert.id, 'Just inside')
    await ageThread(old!.id, 366)
    await ageThread(recent!.id, 10)
    await ageThread(edge!.id, 364)

    assert.equal(config.get('beacon.replies.retentionDays'), 365)
    assert.equal(await ReplyRetentionPurge.purge(), 1)
    assert.isNull(await threadOf(resident.id, alert.id))
    assert.deepEqual(await messagesOf(resident.id), [
      { author: 'resident', body: 'Still relevant' },
    ])
    assert.deepEqual(await messagesOf(neighbour.id), [{ author: 'resident', body: 'Just inside' }])

    // A shorter period, as REPLY_RETENTION_DAYS would set it.
    assert.equal(await ReplyRetentionPurge.purge(DateTime.now(), 30), 1)
    assert.deepEqual(await messagesOf(neighbour.id), [])
    assert.deepEqual(await messagesOf(resident.id), [
      { author: 'resident', body: 'Still relevant' },
    ])
    assert.equal(await ReplyRetentionPurge.purge(DateTime.now(), 9), 1)
    assert.equal(await countRows('alert_replies'), 0)
    assert.equal(await countRows('alert_reply_messages'), 0)
  })

  test('REPLY_RETENTION_DAYS must be a whole number of days: a wrong one stops the process', async ({
    assert,
  }) => {
    const running = startBeaconProcess(['ace', 'list'], { REPLY_RETENTION_DAYS: '0' })
    assert.notEqual(await running.exited, 0)
    assert.include(
      running.output(),
      'Invalid value for "REPLY_RETENTION_DAYS": "0" must be a whole number from 1 to 3650'
    )
  })

  test('the daily housekeeping runs the purge with the configured period', async ({
    assert,
    cleanup,
  }) => {
    const days = config.get<number>('beacon.replies.retentionDays')
    config.set('beacon.replies.retentionDays', 7)
    cleanup(() => config.set('beacon.replies.retentionDays', days))
    const today = DateTime.now().toISODate()!
    await redis.del(redisKey('housekeeping', today))
    cleanup(async () => {
      await redis.del(redisKey('housekeeping', today))
    })

    const { resident, alert, councilAlert } = await replyWorld()
    const old = await received(resident.id, alert.id, 'A week and a day ago')
    await received(resident.id, councilAlert.id, 'Today')
    await ageThread(old!.id, 8)

    await DailyHousekeeping.runIfDue()
    assert.deepEqual(await messagesOf(resident.id), [{ author: 'resident', body: 'Today' }])
  })
})
