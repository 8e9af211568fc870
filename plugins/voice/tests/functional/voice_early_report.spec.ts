import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { emptyQueues } from '#tests/helpers/queues'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import { createResident } from '#tests/helpers/fixtures'
import { alertTo } from '#tests/helpers/self_service_fixtures'
import { registeredCalls } from '../../plugin.js'
import { voiceInstall } from '../helpers/voice_setup.js'

const HOUR = 60 * 60_000

test.group('Voice plugin: Twilio’s report arriving before the ledger knows the call', (group) => {
  group.each.setup(async () => {
    await emptyQueues()
    return emptyTablesAfterwards()
  })

  test('the report is kept on the call’s row and reaches the ledger later, after the process’s own tries are over (as after a restart); one never matched is dropped after an hour', async ({
    assert,
    cleanup,
  }) => {
    const { fake, central, organisation } = await voiceInstall(cleanup)
    const resident = await createResident(central, [organisation], { landline: '+441632960101' })
    const alert = await alertTo(resident, organisation, 'Water off')
    const now = DateTime.utc().toSQL()
    // The delivery as the ledger holds it while send()'s batch is still under way: no call SID yet.
    const [inserted] = await db
      .table('deliveries')
      .insert({
        alert_id: alert.id,
        resident_id: resident.id,
        channel: 'voice',
        status: 'sent',
        attempts: 1,
        sent_at: now,
        provider_id: null,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
    const deliveryId = Number(typeof inserted === 'object' ? inserted.id : inserted)
    const delivery = () => db.from('deliveries').where('id', deliveryId).first()

    const calls = registeredCalls()!
    const settings = (await calls.settings())!
    const placed = await calls.place(settings, {
      kind: 'alert',
      residentId: resident.id,
      toNumber: '+441632960101',
      script: 'Water off.',
    })
    assert.isTrue(placed.ok)
    const call = fake.calls[0]
    assert.equal((await fake.report(call, 'completed')).status, 204)
    // The process's quick tries in memory end unmatched: what a restart would have lost.
    await calls.settled()
    assert.equal((await delivery()).status, 'sent')
    const row = await db.from('voice_calls').where('call_sid', call.sid).first()
    assert.equal(row.receipt_status, 'delivered', 'kept on the call’s row')

    // The send job records the call's SID; the plugin's schedule hands the report over.
    await db.from('deliveries').where('id', deliveryId).update({ provider_id: call.sid })
    assert.equal(await calls.deliverHeldReceipts(), 1)
    assert.equal((await delivery()).status, 'delivered')
    assert.isNull((await db.from('voice_calls').where('call_sid', call.sid).first()).receipt_status)
    assert.equal(await calls.deliverHeldReceipts(), 0, 'handed over once')

    // A report whose call the ledger never records is offered for an hour, then dropped.
    const failed = await calls.place(settings, {
      kind: 'alert',
      residentId: resident.id,
      toNumber: '+441632960101',
      script: 'Water off.',
    })
    assert.isTrue(failed.ok)
    await fake.report(fake.calls[1], 'failed', { ErrorCode: '32005' })
    await calls.settled()
    const held = await db.from('voice_calls').where('call_sid', fake.calls[1].sid).first()
    assert.equal(held.receipt_status, 'failed')
    assert.equal(held.receipt_reason, 'The call could not be connected (Twilio error 32005)')
    assert.equal(await calls.deliverHeldReceipts(), 0, 'still within the hour: kept')
    assert.isNotNull((await db.from('voice_calls').where('id', held.id).first()).receipt_status)
    assert.equal(await calls.deliverHeldReceipts(Date.now() + 2 * HOUR), 0)
    assert.isNull((await db.from('voice_calls').where('id', held.id).first()).receipt_status)
  }).timeout(60_000)
})
