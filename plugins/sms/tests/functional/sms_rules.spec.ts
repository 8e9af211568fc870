import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { eventually } from '#tests/helpers/eventually'
import { emptyQueues } from '#tests/helpers/queues'
import { createOrganisation, createResident, createStaff, seedAreas } from '#tests/helpers/fixtures'
import { signInStaff } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import { FakeNotify } from '../helpers/fake_notify.js'
import { notifyValues, setUpSms } from '../helpers/sms_setup.js'

/** Quiet hours for texts that cover the present moment, UK time. */
async function quietNow(residentId: number, emergencyOverride: boolean) {
  const now = DateTime.now().setZone('Europe/London')
  await db.table('channel_preferences').insert({
    resident_id: residentId,
    channel: 'sms',
    enabled: true,
    quiet_from: now.minus({ hours: 1 }).toFormat('HH:mm'),
    quiet_to: now.plus({ hours: 1 }).toFormat('HH:mm'),
    emergency_override: emergencyOverride,
    updated_at: now.toUTC().toFormat('yyyy-MM-dd HH:mm:ss'),
  })
}

test.group('SMS plugin: the resident’s rules', (group) => {
  let notify: FakeNotify
  group.each.setup(async () => {
    await emptyQueues()
    notify = await new FakeNotify().start()
    const empty = await emptyTablesAfterwards()
    return async () => {
      await notify.stop()
      await empty()
    }
  })

  test('texts obey the priority threshold, quiet hours and the emergency override, and go once per resident', async ({
    assert,
    cleanup,
  }) => {
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    const make = (phone: string, overrides = {}) =>
      createResident(central, [organisation], { email: null, phone, ...overrides })
    await make('+447700900801', { priorityThreshold: 4 })
    const overrides = await make('+447700900802')
    const holds = await make('+447700900803')
    await make('+447700900804')
    const both = await createResident(central, [organisation], { phone: '+447700900805' })
    await quietNow(overrides.id, true)
    await quietNow(holds.id, false)
    await setUpSms(organisation, notifyValues(notify), cleanup)
    const sender = await signInStaff(await createStaff(organisation, 'sender'))
    const send = async (title: string, priority: number) => {
      const review = await sender.submit(
        '/staff/alerts/new',
        { 'title': title, 'body': 'Details.', 'priority': priority, 'areaIds[]': [central.id] },
        { action: '/staff/alerts' }
      )
      const id = Number(/\/staff\/alerts\/(\d+)/.exec(review.url)?.[1])
      assert.include((await sender.post(`/staff/alerts/${id}/send`)).text, 'Sending has started.')
      return id
    }
    const textedFor = (title: string) =>
      notify.sent
        .filter((sms) => sms.personalisation.body.includes(title))
        .map((sms) => sms.phoneNumber)
        .sort()

    const warning = await send('Ordinary warning', 3)
    await eventually(async () =>
      assert.deepEqual(textedFor('Ordinary warning'), ['+447700900804', '+447700900805'])
    )
    const waiting = await db
      .from('deliveries')
      .where('alert_id', warning)
      .whereIn('resident_id', [overrides.id, holds.id])
      .where('status', 'pending')
    assert.lengthOf(waiting, 2, 'held until their quiet hours end')

    await send('Evacuate now', 5)
    await eventually(async () =>
      assert.deepEqual(textedFor('Evacuate now'), [
        '+447700900801',
        '+447700900802',
        '+447700900804',
        '+447700900805',
      ])
    )

    // Reachable by email and text: one delivery on each, never two on one.
    const rows = await db
      .from('deliveries')
      .where('resident_id', both.id)
      .select('channel', 'alert_id')
    assert.sameMembers(
      rows.map((row) => `${row.alert_id}:${row.channel}`),
      [`${warning}:email`, `${warning}:sms`, `${warning + 1}:email`, `${warning + 1}:sms`]
    )
  }).timeout(90_000)
})
