import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { eventually } from '#tests/helpers/eventually'
import { emptyQueues } from '#tests/helpers/queues'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import { createResident } from '#tests/helpers/fixtures'
import { sendAlert, voiceDeliveries, voiceInstall } from '../helpers/voice_setup.js'

/** Quiet hours for phone calls around the present moment, in UK time. */
async function quietNow(residentId: number, options: { enabled?: boolean; override: boolean }) {
  const now = DateTime.now().setZone('Europe/London')
  await db.table('channel_preferences').insert({
    resident_id: residentId,
    channel: 'voice',
    enabled: options.enabled ?? true,
    quiet_from: now.minus({ hours: 1 }).toFormat('HH:mm'),
    quiet_to: now.plus({ hours: 2 }).toFormat('HH:mm'),
    emergency_override: options.override,
    updated_at: DateTime.utc().toSQL(),
  })
}

test.group('Voice plugin: the resident’s rules, as for email', (group) => {
  group.each.setup(async () => {
    await emptyQueues()
    return emptyTablesAfterwards()
  })

  test('calls respect the lowest priority, calls switched off, quiet hours for calls and the emergency override', async ({
    assert,
    cleanup,
  }) => {
    const { fake, central, organisation } = await voiceInstall(cleanup)
    const landline = (n: number) => `+44163296010${n}`
    await createResident(central, [organisation], { landline: landline(1), priorityThreshold: 4 })
    const quiet = await createResident(central, [organisation], { landline: landline(2) })
    await quietNow(quiet.id, { override: false })
    const switchedOff = await createResident(central, [organisation], { landline: landline(3) })
    await quietNow(switchedOff.id, { enabled: false, override: true })
    await createResident(central, [organisation], { landline: landline(4) })
    const overriding = await createResident(central, [organisation], { landline: landline(5) })
    await quietNow(overriding.id, { override: true })

    const warning = await sendAlert(organisation, central.id)
    await eventually(async () => {
      const rows = await voiceDeliveries(warning.alertId)
      const quietRow = rows.find((row) => Number(row.resident_id) === quiet.id)
      assert.equal(quietRow?.status, 'pending', 'waits for the end of the quiet hours')
      assert.sameMembers(
        fake.calls.map((call) => call.params.To),
        [landline(4)],
        'only the resident with no rule against it'
      )
    })
    const waiting = await db
      .from('deliveries')
      .where('alert_id', warning.alertId)
      .where('resident_id', quiet.id)
      .where('channel', 'voice')
      .first()
    assert.isNotNull(waiting.next_attempt_at)

    const emergency = await sendAlert(organisation, central.id, {
      title: 'Evacuate',
      body: 'Leave your home now.',
      priority: 5,
    })
    await eventually(async () => {
      const called = fake.calls.slice(1).map((call) => call.params.To)
      assert.sameMembers(called, [landline(1), landline(4), landline(5)])
      const rows = await voiceDeliveries(emergency.alertId)
      assert.equal(rows.find((row) => Number(row.resident_id) === quiet.id)?.status, 'pending')
    })
  })
})
