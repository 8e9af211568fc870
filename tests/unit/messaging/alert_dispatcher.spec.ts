import { test } from '@japa/runner'
import { sendQueueOf } from '#services/platform/infrastructure/queue'
import db from '@adonisjs/lucid/services/db'
import Alert from '#models/messaging/alert'
import AlertDispatcher from '#services/messaging/delivery/alert_dispatcher'
import channelRegistry from '#services/platform/plugins/channel_registry'
import type { Channel } from '#contracts/channel'
import { sqlTime } from '#services/platform/infrastructure/sql_time'
import { smtpSink } from '#tests/helpers/smtp_sink'
import { eventually } from '#tests/helpers/eventually'
import { emptyQueues, queueFinished } from '#tests/helpers/queues'
import { createOrganisation, createResident, createStaff, seedAreas } from '#tests/helpers/fixtures'
import { emptyTablesAfterwards } from '#tests/helpers/database'

/** Residents written straight to the tables, many at a time: active, in the ward, consenting. */
async function insertResidents(
  ward: { id: number },
  organisationId: number,
  residents: Array<{ id?: number; email: string }>
) {
  const now = sqlTime()
  for (let start = 0; start < residents.length; start += 200) {
    const slice = residents.slice(start, start + 200)
    await db.table('residents').insert(
      slice.map((resident) => ({
        ...(resident.id ? { id: resident.id } : {}),
        name: `Resident ${resident.email}`,
        email: resident.email,
        status: 'active',
        source: 'import',
        language: 'en',
        priority_threshold: 1,
        created_at: now,
        updated_at: now,
      }))
    )
    const ids = (
      await db
        .from('residents')
        .whereIn(
          'email',
          slice.map((resident) => resident.email)
        )
        .select('id')
    ).map((row) => Number(row.id))
    await db
      .table('resident_areas')
      .insert(ids.map((id: number) => ({ resident_id: id, area_id: ward.id })))
    await db.table('consents').insert(
      ids.map((id: number) => ({
        resident_id: id,
        organisation_id: organisationId,
        granted_at: now,
      }))
    )
  }
}

/**
 * Empties the tables once the sends a test started have finished: SQLite gives the next test's
 * rows the same ids, and a send still running would take them for its own.
 */
async function emptiedOnceSent() {
  const empty = await emptyTablesAfterwards()
  return async () => {
    await queueFinished(sendQueueOf('email'))
    await empty()
  }
}

test.group('Alert dispatcher', (group) => {
  group.each.setup(async () => {
    await emptyQueues()
    return emptiedOnceSent()
  })

  test('dispatching the same message twice at once writes one delivery and one email per resident', async ({
    assert,
  }) => {
    const { central, abbey } = await seedAreas()
    const organisation = await createOrganisation()
    const author = await createStaff(organisation, 'sender')
    const residents = await Promise.all(
      [1, 2, 3].map(() => createResident(central, [organisation]))
    )
    const outsider = await createResident(abbey, [organisation])

    const alert = await Alert.create({
      organisationId: organisation.id,
      authorId: author.id,
      title: 'Dispatched twice',
      body: 'Once only, please.',
      priority: 2,
      status: 'sending',
      criteria: { areaIds: [central.id] },
    })
    await Promise.all([AlertDispatcher.dispatch(alert.id), AlertDispatcher.dispatch(alert.id)])

    const deliveries = await db.from('deliveries').where('alert_id', alert.id)
    assert.lengthOf(deliveries, 3)

    await eventually(async () => {
      await alert.refresh()
      assert.equal(alert.status, 'sent')
    })
    for (const resident of residents) {
      const mails = smtpSink
        .mailTo(resident.email!)
        .filter((mail) => mail.subject.includes('Dispatched twice'))
      assert.lengthOf(mails, 1, `${resident.email} should get exactly one email`)
    }
    assert.lengthOf(smtpSink.mailTo(outsider.email!), 0)
    const sent = await db.from('deliveries').where('alert_id', alert.id).where('status', 'sent')
    assert.lengthOf(sent, 3)
    assert.isTrue(sent.every((row) => row.provider_id && row.provider_id.startsWith('<')))
  })

  test('a permanent SMTP refusal is recorded as failed with its reason; the others are sent', async ({
    assert,
  }) => {
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    const accepted = await createResident(central, [organisation])
    const refused = await createResident(central, [organisation])
    smtpSink.refusals.set(refused.email!, 550)

    try {
      const alert = await Alert.create({
        organisationId: organisation.id,
        title: 'Partly refused',
        body: 'Body',
        priority: 2,
        status: 'sending',
        criteria: { areaIds: [central.id] },
      })
      await AlertDispatcher.dispatch(alert.id)
      await eventually(async () => {
        await alert.refresh()
        assert.equal(alert.status, 'sent')
      })

      const failed = await db.from('deliveries').where('resident_id', refused.id).firstOrFail()
      assert.equal(failed.status, 'failed')
      assert.include(failed.error, '550')
      assert.lengthOf(smtpSink.mailTo(accepted.email!), 1)
      await refused.refresh()
      assert.isNotNull(refused.emailBouncedAt, 'a hard bounce marks the address dead')
    } finally {
      smtpSink.refusals.delete(refused.email!)
    }
  })
})

test.group('Alert dispatcher: a large audience', (group) => {
  group.each.setup(async () => {
    await emptyQueues()
    return emptiedOnceSent()
  })

  test('writes one delivery per resident for an audience larger than one insert statement', async ({
    assert,
  }) => {
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    const count = 1200
    await insertResidents(
      central,
      organisation.id,
      Array.from({ length: count }, (_, index) => ({ email: `bulk-${index}@example.test` }))
    )

    const alert = await Alert.create({
      organisationId: organisation.id,
      title: 'To many',
      body: 'Body',
      priority: 2,
      status: 'sending',
      criteria: { areaIds: [central.id] },
    })
    await AlertDispatcher.dispatch(alert.id)

    const rows = await db.from('deliveries').where('alert_id', alert.id).count('* as total').first()
    assert.equal(Number(rows.total), count)
    await eventually(async () => {
      await alert.refresh()
      assert.equal(alert.status, 'sent')
    }, 60_000)
    const received = smtpSink.received.filter((mail) => mail.subject.includes('To many'))
    assert.equal(new Set(received.map((mail) => mail.to[0])).size, count)
    assert.lengthOf(received, count)
  }).timeout(60_000)

  test('tells the query planner about the deliveries of a large send while it dispatches', async ({
    assert,
    cleanup,
  }) => {
    const threshold = AlertDispatcher.tuning.statisticsAfterRows
    AlertDispatcher.tuning.statisticsAfterRows = 50
    cleanup(() => {
      AlertDispatcher.tuning.statisticsAfterRows = threshold
    })
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    await insertResidents(
      central,
      organisation.id,
      Array.from({ length: 120 }, (_, index) => ({ email: `planned-${index}@example.test` }))
    )
    await forgetPlannerStatistics()
    assert.notEqual(await plannerRowsOfDeliveries(), 120)

    const alert = await Alert.create({
      organisationId: organisation.id,
      title: 'Planned',
      body: 'Body',
      priority: 2,
      status: 'sending',
      criteria: { areaIds: [central.id] },
    })
    await AlertDispatcher.dispatch(alert.id)

    assert.equal(await plannerRowsOfDeliveries(), 120)
  })
})

const isPostgres = () => db.connection().dialect.name === 'postgres'

/** How many rows the planner believes deliveries holds; null when it has no statistics. */
async function plannerRowsOfDeliveries(): Promise<number | null> {
  if (isPostgres()) {
    const result = await db.rawQuery("SELECT reltuples FROM pg_class WHERE relname = 'deliveries'")
    const rows = Number(result.rows[0]?.reltuples)
    return rows >= 0 ? rows : null
  }
  const tables = await db.rawQuery("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'")
  if (tables.length === 0) return null
  const stats = await db.rawQuery("SELECT stat FROM sqlite_stat1 WHERE tbl = 'deliveries' LIMIT 1")
  return stats.length ? Number(String(stats[0].stat).split(' ')[0]) : null
}

/** Statistics of an earlier test must not pass for this one's. */
async function forgetPlannerStatistics() {
  if (isPostgres()) {
    await db.rawQuery("UPDATE pg_class SET reltuples = -1 WHERE relname = 'deliveries'")
    return
  }
  if ((await plannerRowsOfDeliveries()) !== null) {
    await db.rawQuery("DELETE FROM sqlite_stat1 WHERE tbl = 'deliveries'")
  }
}

test.group('Alert dispatcher: pages of the register', (group) => {
  group.each.setup(async () => {
    await emptyQueues()
    return emptiedOnceSent()
  })

  test('residents far apart in the register, with a wide gap between them, each get one delivery', async ({
    assert,
  }) => {
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    // Ids in several pages, with empty pages between them.
    const ids = [3, 4_999, 5_000, 5_001, 61_234, 2_000_000]
    await insertResidents(
      central,
      organisation.id,
      ids.map((id) => ({ id, email: `far-${id}@example.test` }))
    )
    const alert = await Alert.create({
      organisationId: organisation.id,
      title: 'Across the register',
      body: 'Body',
      priority: 2,
      status: 'sending',
      criteria: { areaIds: [central.id] },
    })

    await AlertDispatcher.dispatch(alert.id)

    const written = await db.from('deliveries').where('alert_id', alert.id).select('resident_id')
    assert.sameMembers(
      written.map((row) => Number(row.resident_id)),
      ids
    )
  })
})

test.group('Alert dispatcher: ranges written at once', (group) => {
  group.each.setup(async () => {
    await emptyQueues()
    return emptiedOnceSent()
  })

  test('three lanes over many small ranges write one delivery and send one email per resident', async ({
    assert,
    cleanup,
  }) => {
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    const emails = Array.from({ length: 90 }, (_, index) => `lane-${index}@example.test`)
    await insertResidents(
      central,
      organisation.id,
      emails.map((email) => ({ email }))
    )
    const tuning = { ...AlertDispatcher.tuning }
    // On PostgreSQL three ranges are written at once; SQLite writes one at a time whatever the setting.
    Object.assign(AlertDispatcher.tuning, { rangeSpan: 7, lanes: 3 })
    cleanup(() => {
      Object.assign(AlertDispatcher.tuning, tuning)
    })
    const alert = await Alert.create({
      organisationId: organisation.id,
      title: 'In lanes',
      body: 'Body',
      priority: 2,
      status: 'sending',
      criteria: { areaIds: [central.id] },
    })
    const firstMail = smtpSink.received.length

    await AlertDispatcher.dispatch(alert.id)

    const written = await db.from('deliveries').where('alert_id', alert.id).select('resident_id')
    assert.lengthOf(written, 90)
    assert.equal(new Set(written.map((row) => Number(row.resident_id))).size, 90)
    await eventually(async () => {
      await alert.refresh()
      assert.equal(alert.status, 'sent')
    })
    await queueFinished(sendQueueOf('email'))
    assert.deepEqual(smtpSink.pairCount(alert.id, emails, firstMail), {
      lost: 0,
      duplicated: 0,
      reached: 90,
    })
    assert.equal(alert.audienceCount, 90)
    assert.isNotNull(alert.dispatchedAt)
  })
})

test.group('Alert dispatcher: the channels the sender chose', (group) => {
  group.each.setup(async () => {
    await emptyQueues()
    return emptiedOnceSent()
  })

  test('an alert for email only writes no delivery on another channel', async ({
    assert,
    cleanup,
  }) => {
    let pagerOn = true
    cleanup(() => {
      pagerOn = false
    })
    channelRegistry.register(pagerChannel, () => pagerOn)
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    await createResident(central, [organisation], { phone: '+447700900555' })
    const createAlert = (title: string, channels?: string[]) =>
      Alert.create({
        organisationId: organisation.id,
        title,
        body: 'Body',
        priority: 2,
        status: 'sending',
        criteria: { areaIds: [central.id], ...(channels ? { channels } : {}) },
      })
    const channelsOf = async (alert: Alert) =>
      (await db.from('deliveries').where('alert_id', alert.id).select('channel'))
        .map((row) => row.channel)
        .sort()

    const emailOnly = await createAlert('By email only', ['email'])
    const anyChannel = await createAlert('By every channel')
    await AlertDispatcher.dispatch(emailOnly.id)
    await AlertDispatcher.dispatch(anyChannel.id)

    assert.deepEqual(await channelsOf(emailOnly), ['email'])
    assert.deepEqual(await channelsOf(anyChannel), ['email', 'pager'])
    // The emails these dispatches started go here, not during the next test, whose rows reuse
    // these ids once the tables are emptied (SQLite numbers them from 1 again).
    await queueFinished(sendQueueOf('email'))
  })
})

const pagerChannel: Channel = {
  id: 'pager',
  label: 'Pager',
  limits: {
    maxTextLength: 160,
    supportsHtml: false,
    batchSize: 10,
    concurrency: 1,
    ratePerSecond: null,
  },
  isReady: async () => ({ ready: true }),
  contact: 'mobile',
  addressOf: (recipient) => recipient.phone,
  render: async (message) => ({ text: message.title }),
  send: async (batch) =>
    batch.map((delivery) => ({
      deliveryId: delivery.deliveryId,
      status: 'failed',
      reason: 'Pagers are not wired up in tests',
      permanent: true,
    })),
}
