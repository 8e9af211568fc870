import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import Alert from '#models/messaging/alert'
import AlertDispatcher from '#services/messaging/delivery/alert_dispatcher'
import DeliveryJobs from '#services/messaging/delivery/delivery_jobs'
import { sqlTime } from '#services/platform/infrastructure/sql_time'
import { smtpSink } from '#tests/helpers/smtp_sink'
import { eventually } from '#tests/helpers/eventually'
import { emptyQueues } from '#tests/helpers/queues'
import { createOrganisation, createResident, seedAreas } from '#tests/helpers/fixtures'
import { emptyTablesAfterwards } from '#tests/helpers/database'

/** How many emails of this alert each address received. */
function mailsByAddress(title: string) {
  const counts = new Map<string, number>()
  for (const mail of smtpSink.received.filter((received) => received.subject.includes(title))) {
    for (const address of mail.to) counts.set(address, (counts.get(address) ?? 0) + 1)
  }
  return counts
}

test.group('Alert dispatch resumed after a crash', (group) => {
  group.each.setup(async () => {
    await emptyQueues()
    return emptyTablesAfterwards()
  })

  test('a dispatch that died between writing deliveries and enqueuing them, run again, writes no second row and sends each resident one email', async ({
    assert,
    cleanup,
  }) => {
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    const residents = [
      await createResident(central, [organisation]),
      await createResident(central, [organisation]),
    ]
    // A resident far along the register, so the dispatch spans two ranges and dies in the first.
    residents.push(await createResident(central, [organisation], { id: 80_000 } as any))
    const alert = await Alert.create({
      organisationId: organisation.id,
      title: 'Resumed after a crash',
      body: 'Once only, please.',
      priority: 2,
      status: 'sending',
      criteria: { areaIds: [central.id] },
    })

    const send = DeliveryJobs.send
    // One range at a time (PostgreSQL writes two at once), so that the crash falls between them.
    const lanes = AlertDispatcher.tuning.lanes
    AlertDispatcher.tuning.lanes = 1
    cleanup(() => {
      DeliveryJobs.send = send
      AlertDispatcher.tuning.lanes = lanes
    })
    DeliveryJobs.send = async () => {
      throw new Error('The worker was killed before it enqueued the send jobs')
    }
    await assert.rejects(() => AlertDispatcher.dispatch(alert.id), /killed/)
    const writtenBeforeTheCrash = await db.from('deliveries').where('alert_id', alert.id)
    assert.lengthOf(writtenBeforeTheCrash, 2, 'the first range was written, the second was not')
    DeliveryJobs.send = send

    await AlertDispatcher.dispatch(alert.id)

    const rows = await db.from('deliveries').where('alert_id', alert.id).select('resident_id')
    assert.sameMembers(
      rows.map((row) => Number(row.resident_id)),
      residents.map((resident) => resident.id)
    )
    await eventually(async () => {
      await alert.refresh()
      assert.equal(alert.status, 'sent')
    }, 30_000)
    const received = mailsByAddress('Resumed after a crash')
    for (const resident of residents) {
      assert.equal(received.get(resident.email!), 1, `${resident.email} gets exactly one email`)
    }
    assert.equal(alert.audienceCount, 3)
  }).timeout(60_000)

  test('a resumed dispatch does not send again what was sent before it', async ({ assert }) => {
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    const alreadySent = await createResident(central, [organisation])
    const waiting = await createResident(central, [organisation])
    const alert = await Alert.create({
      organisationId: organisation.id,
      title: 'Partly sent before the crash',
      body: 'Body',
      priority: 2,
      status: 'sending',
      criteria: { areaIds: [central.id] },
    })
    // What the ledger held when the earlier dispatch died: one row sent by its job, one whose job was lost.
    const now = sqlTime()
    const row = (residentId: number, status: string) => ({
      alert_id: alert.id,
      resident_id: residentId,
      channel: 'email',
      status,
      attempts: status === 'sent' ? 1 : 0,
      sent_at: status === 'sent' ? now : null,
      created_at: now,
      updated_at: now,
    })
    await db
      .table('deliveries')
      .multiInsert([row(alreadySent.id, 'sent'), row(waiting.id, 'pending')])

    await AlertDispatcher.dispatch(alert.id)

    await eventually(async () => {
      await alert.refresh()
      assert.equal(alert.status, 'sent')
    }, 30_000)
    const received = mailsByAddress('Partly sent before the crash')
    assert.isUndefined(received.get(alreadySent.email!))
    assert.equal(received.get(waiting.email!), 1)
    const rows = await db.from('deliveries').where('alert_id', alert.id)
    assert.lengthOf(rows, 2)
  }).timeout(60_000)
})
