import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import DeliverySender from '#services/messaging/delivery/delivery_sender'
import ChannelRateLimit from '#services/messaging/delivery/channel_rate_limit'
import AlertAcceptances from '#services/messaging/delivery/alert_acceptances'
import { smtpSink } from '#tests/helpers/smtp_sink'
import { eventually } from '#tests/helpers/eventually'
import { emptyQueues } from '#tests/helpers/queues'
import { dispatchedAlert } from '#tests/helpers/delivery_fixtures'
import { createOrganisation, createResident, seedAreas } from '#tests/helpers/fixtures'
import { emptyTablesAfterwards } from '#tests/helpers/database'

async function statusesOf(alertId: number) {
  const rows = await db.from('deliveries').where('alert_id', alertId).select('id', 'status')
  return new Map(rows.map((row) => [Number(row.id), row.status as string]))
}

test.group('The send path', (group) => {
  group.each.setup(() => emptyTablesAfterwards())
  group.each.setup(() => emptyQueues())

  test('each mail is in the ledger as sent once the mail server accepts it, while a slow one of its batch is still going', async ({
    assert,
    cleanup,
  }) => {
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    const residents = []
    for (let index = 0; index < 6; index++) {
      residents.push(await createResident(central, [organisation]))
    }
    const alert = await dispatchedAlert(organisation, central.id, residents, 'One slow mail')
    const [slow] = residents
    let release!: () => void
    smtpSink.holds.set(slow.email!, new Promise<void>((resolve) => (release = resolve)))
    cleanup(() => smtpSink.resetFaults())

    const ids = [...(await statusesOf(alert.id)).keys()]
    const sending = DeliverySender.send({
      alertId: alert.id,
      channel: 'email',
      deliveryIds: ids,
    })

    const slowDelivery = await db
      .from('deliveries')
      .where('alert_id', alert.id)
      .where('resident_id', slow.id)
      .first()
    await eventually(async () => {
      const statuses = await statusesOf(alert.id)
      const others = [...statuses].filter(([id]) => id !== Number(slowDelivery.id))
      assert.isTrue(
        others.every(([, status]) => status === 'sent'),
        'the accepted mails are recorded'
      )
      assert.equal(statuses.get(Number(slowDelivery.id)), 'sending')
    })
    release()
    await sending

    const statuses = await statusesOf(alert.id)
    assert.deepEqual([...new Set(statuses.values())], ['sent'])
    assert.lengthOf(smtpSink.mailTo(slow.email!), 1)
  })

  test('a job run again skips the deliveries already accepted', async ({ assert }) => {
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    const residents = [
      await createResident(central, [organisation]),
      await createResident(central, [organisation]),
    ]
    const alert = await dispatchedAlert(organisation, central.id, residents, 'Sent once')
    const ids = [...(await statusesOf(alert.id)).keys()]

    await DeliverySender.send({ alertId: alert.id, channel: 'email', deliveryIds: ids })
    // As if the sweeper had taken the rows back from a worker it thought dead, after they were recorded.
    await DeliverySender.send({ alertId: alert.id, channel: 'email', deliveryIds: ids })

    for (const resident of residents) {
      assert.lengthOf(smtpSink.mailTo(resident.email!), 1, 'one mail each')
    }
    // An acceptance is never written over a row that moved on (a delivery receipt came first).
    await db.from('deliveries').whereIn('id', ids).update({ status: 'delivered' })
    AlertAcceptances.accept(ids[0], '<late@beacon.test>')
    await AlertAcceptances.settle([ids[0]])
    assert.equal((await statusesOf(alert.id)).get(ids[0]), 'delivered')
  })

  test('the rate cap holds across workers sharing it', async ({ assert }) => {
    const channel = `rate-test-${Date.now()}`
    let granted = 0
    // Two workers, each with 25 mails to hand over, at 10 a second between them.
    const worker = async () => {
      for (let left = 25; left > 0;) {
        const taken = await ChannelRateLimit.takeUpTo(channel, 10, left)
        granted += taken
        left -= taken
      }
    }
    const started = Date.now()
    await Promise.all([worker(), worker()])

    assert.equal(granted, 50)
    // 50 at 10 a second span five seconds' budgets: at least three seconds, whenever in a second it starts
    // (each worker with a budget of its own would be done within two).
    assert.isAbove(Date.now() - started, 3000)
  }).timeout(20_000)
})
