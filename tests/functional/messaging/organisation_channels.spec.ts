import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import config from '@adonisjs/core/services/config'
import Alert from '#models/messaging/alert'
import type Area from '#models/areas/area'
import type Organisation from '#models/platform/organisation'
import AlertDispatcher from '#services/messaging/delivery/alert_dispatcher'
import TargetSweeper from '#services/messaging/delivery/target_sweeper'
import { TARGET_MAX_ATTEMPTS } from '#services/messaging/delivery/target_sender'
import organisationChannelRegistry from '#services/platform/plugins/organisation_channel_registry'
import { sqlTime } from '#services/platform/infrastructure/sql_time'
import type {
  OrganisationChannel,
  TargetsQuery,
  OrganisationTarget,
  OutgoingTargetDelivery,
  TargetOutcome,
} from '#contracts/organisation_channel'
import { eventually } from '#tests/helpers/eventually'
import { emptyQueues } from '#tests/helpers/queues'
import { pauseUpkeep } from '#tests/helpers/upkeep'
import { createOrganisation, createResident, createStaff, seedAreas } from '#tests/helpers/fixtures'
import { signInStaff } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'

/**
 * An organisation channel as a plugin would register it, answering each
 * target as the test says: what a webhook receiver would, without the HTTP.
 */
class RecordingChannel implements OrganisationChannel {
  readonly id = 'test-hooks'
  readonly label = 'Test hooks'
  sent: OutgoingTargetDelivery[] = []
  /** Which alert each targets() call was about (added with plugins/social). */
  queries: (TargetsQuery | undefined)[] = []
  available = true

  constructor(
    private targetList: OrganisationTarget[],
    private answer: (delivery: OutgoingTargetDelivery) => TargetOutcome
  ) {}

  async targets(_organisationId: number, query?: TargetsQuery) {
    this.queries.push(query)
    return this.targetList
  }

  async send(delivery: OutgoingTargetDelivery) {
    this.sent.push(delivery)
    return this.answer(delivery)
  }
}

function register(channel: RecordingChannel) {
  organisationChannelRegistry.register(channel, () => channel.available)
  return () => organisationChannelRegistry.unregister(channel.id)
}

async function sendingAlert(title: string, place?: { central: Area; organisation: Organisation }) {
  const central = place?.central ?? (await seedAreas()).central
  const organisation = place?.organisation ?? (await createOrganisation())
  if (!place) await createResident(central, [organisation])
  const alert = await Alert.create({
    organisationId: organisation.id,
    title,
    body: 'Please lock **sheds** tonight.',
    priority: 3,
    status: 'sending',
    category: 'burglary',
    criteria: { areaIds: [central.id] },
  })
  await db.from('alerts').where('id', alert.id).update({ send_requested_at: sqlTime() })
  return { organisation, alert, central }
}

async function targetRows(alertId: number) {
  return db.from('target_deliveries').where('alert_id', alertId).orderBy('target_key')
}

test.group('Organisation channels', (group) => {
  group.each.setup(async () => {
    const restartUpkeep = await pauseUpkeep()
    await emptyQueues()
    const emptyTables = await emptyTablesAfterwards()
    return async () => {
      await emptyTables()
      restartUpkeep()
    }
  })
  group.each.setup(() => {
    // Retries in milliseconds rather than seconds; restored afterwards.
    const base = config.get('beacon.delivery.retryBaseSeconds')
    config.set('beacon.delivery.retryBaseSeconds', 0.01)
    return () => config.set('beacon.delivery.retryBaseSeconds', base)
  })

  test('an alert goes once to each target; staff read what was delivered and what failed, and why', async ({
    assert,
    cleanup,
  }) => {
    let busyOnce = true
    const channel = new RecordingChannel(
      [
        { key: 'a', label: 'a.example.org' },
        { key: 'b', label: 'b.example.org' },
        { key: 'c', label: 'c.example.org' },
      ],
      (delivery) => {
        if (delivery.target.key === 'c') {
          return { status: 'failed', reason: 'The receiver answered 404 Not Found' }
        }
        if (delivery.target.key === 'b' && busyOnce) {
          busyOnce = false
          return { status: 'retry', reason: 'The receiver answered 503', retryAfterSeconds: 0 }
        }
        return { status: 'sent', providerId: `receipt-${delivery.target.key}` }
      }
    )
    cleanup(register(channel))
    const { organisation, alert } = await sendingAlert('Sheds broken into')

    // Twice, as a lost dispatch job would: still one delivery per target.
    await AlertDispatcher.dispatch(alert.id)
    await AlertDispatcher.dispatch(alert.id)

    await eventually(async () => {
      const rows = await targetRows(alert.id)
      assert.deepEqual(
        rows.map((row) => row.status),
        ['sent', 'sent', 'failed']
      )
    })
    const rows = await targetRows(alert.id)
    // The alert was made without saying: published, as the column's default has it.
    assert.deepEqual(channel.queries[0], { alertId: alert.id, isPublic: true })
    assert.equal(rows[0].provider_id, 'receipt-a')
    assert.equal(Number(rows[1].attempts), 2, 'b was tried again after its 503')
    assert.include(rows[2].error, '404')

    const toA = channel.sent.filter((delivery) => delivery.target.key === 'a')
    assert.lengthOf(toA, 1)
    assert.equal(toA[0].alert.title, 'Sheds broken into')
    assert.include(toA[0].alert.bodyHtml, '<strong>sheds</strong>')
    assert.equal(toA[0].alert.bodyText.trim(), 'Please lock sheds tonight.')
    assert.equal(toA[0].alert.priorityLabel, 'Warning')
    assert.equal(toA[0].alert.categoryLabel, 'Burglary')
    assert.equal(toA[0].alert.branding.organisationName, organisation.name)
    const toB = channel.sent.filter((delivery) => delivery.target.key === 'b')
    assert.deepEqual(
      toB.map((delivery) => delivery.attempt),
      [1, 2]
    )
    assert.equal(toB[0].idempotencyKey, toB[1].idempotencyKey, 'a retry carries the same key')
    assert.notEqual(toA[0].idempotencyKey, toB[0].idempotencyKey)

    const sender = await createStaff(organisation, 'sender')
    const browser = await signInStaff(sender)
    const page = await browser.get(`/staff/alerts/${alert.id}`)
    assert.match(page.text, /Test hooks:<\/strong>\s*2 delivered, 1 failed/)
    assert.include(page.text, 'Failed: c.example.org: The receiver answered 404 Not Found')
  })

  test('a target that never answers is given up after the last attempt, with its reason', async ({
    assert,
    cleanup,
  }) => {
    const channel = new RecordingChannel([{ key: 'down', label: 'down.example.org' }], () => ({
      status: 'retry',
      reason: 'No answer within 10 seconds',
    }))
    cleanup(register(channel))
    const { alert } = await sendingAlert('Never answered')
    await AlertDispatcher.dispatch(alert.id)

    await eventually(async () => {
      const [row] = await targetRows(alert.id)
      assert.equal(row.status, 'failed')
    })
    const [row] = await targetRows(alert.id)
    assert.equal(Number(row.attempts), TARGET_MAX_ATTEMPTS)
    assert.equal(
      row.error,
      `Gave up after ${TARGET_MAX_ATTEMPTS} attempts: No answer within 10 seconds`
    )
    assert.lengthOf(channel.sent, TARGET_MAX_ATTEMPTS)
  })

  test('a disabled channel gets nothing; a cancelled alert sends nothing more', async ({
    assert,
    cleanup,
  }) => {
    const channel = new RecordingChannel([{ key: 'a', label: 'a.example.org' }], () => ({
      status: 'sent',
    }))
    channel.available = false
    cleanup(register(channel))
    const first = await sendingAlert('While disabled')
    await AlertDispatcher.dispatch(first.alert.id)
    assert.lengthOf(await targetRows(first.alert.id), 0)

    channel.available = true
    const { alert } = await sendingAlert('Cancelled before its webhook', first)
    // A row whose job was lost, of an alert cancelled since.
    await db.table('target_deliveries').insert({
      alert_id: alert.id,
      channel: channel.id,
      target_key: 'a',
      target_label: 'a.example.org',
      idempotency_key: '00000000-0000-4000-8000-000000000001',
      status: 'pending',
      attempts: 0,
      created_at: sqlTime(),
      updated_at: sqlTime(new Date(Date.now() - 60_000)),
    })
    await Alert.query().where('id', alert.id).update({ status: 'cancelled' })
    await TargetSweeper.run({
      staleClaimSeconds: 300,
      idlePendingSeconds: 10,
      idleDispatchSeconds: 600,
    })

    await eventually(async () => {
      const [row] = await targetRows(alert.id)
      assert.equal(row.status, 'cancelled')
    })
    assert.lengthOf(channel.sent, 0)
  })

  test('the sweeper gives back a row whose worker died and sends it', async ({
    assert,
    cleanup,
  }) => {
    const channel = new RecordingChannel([{ key: 'a', label: 'a.example.org' }], () => ({
      status: 'sent',
    }))
    cleanup(register(channel))
    const { alert } = await sendingAlert('Worker died')
    const long = new Date(Date.now() - 3600_000)
    await db.table('target_deliveries').insert({
      alert_id: alert.id,
      channel: channel.id,
      target_key: 'a',
      target_label: 'a.example.org',
      idempotency_key: '00000000-0000-4000-8000-000000000002',
      status: 'sending',
      attempts: 1,
      claim_token: '00000000-0000-4000-8000-000000000003',
      claimed_at: sqlTime(long),
      created_at: sqlTime(long),
      updated_at: sqlTime(long),
    })
    await TargetSweeper.run({
      staleClaimSeconds: 300,
      idlePendingSeconds: 10,
      idleDispatchSeconds: 600,
    })

    await eventually(async () => {
      const [row] = await targetRows(alert.id)
      assert.equal(row.status, 'sent')
      assert.equal(Number(row.attempts), 2)
    })
    assert.lengthOf(channel.sent, 1)
  })
})
