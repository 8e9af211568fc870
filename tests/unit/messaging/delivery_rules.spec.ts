import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import Alert from '#models/messaging/alert'
import AlertDispatcher from '#services/messaging/delivery/alert_dispatcher'
import { LOCAL_ZONE } from '#services/messaging/delivery/quiet_hours'
import { sqlTime } from '#services/platform/infrastructure/sql_time'
import { smtpSink } from '#tests/helpers/smtp_sink'
import { eventually } from '#tests/helpers/eventually'
import { createOrganisation, createResident, seedAreas } from '#tests/helpers/fixtures'
import { emptyTablesAfterwards } from '#tests/helpers/database'

/** A quiet window that is open right now, whatever the time of day the test runs. */
function windowAroundNow() {
  const now = DateTime.now().setZone(LOCAL_ZONE)
  return {
    quiet_from: now.minus({ hours: 1 }).toFormat('HH:mm'),
    quiet_to: now.plus({ hours: 2 }).toFormat('HH:mm'),
  }
}

async function alert(organisationId: number, areaId: number, title: string, priority = 3) {
  return Alert.create({
    organisationId,
    title,
    body: 'Body',
    priority,
    status: 'sending',
    criteria: { areaIds: [areaId] },
  })
}

test.group("Residents' own rules at dispatch", (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('a resident who turned email off gets no email', async ({ assert }) => {
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    const off = await createResident(central, [organisation])
    const on = await createResident(central, [organisation])
    await db.table('channel_preferences').insert({
      resident_id: off.id,
      channel: 'email',
      enabled: false,
      emergency_override: true,
      updated_at: sqlTime(),
    })

    const message = await alert(organisation.id, central.id, 'Email switched off')
    await AlertDispatcher.dispatch(message.id)
    await eventually(async () => {
      await message.refresh()
      assert.equal(message.status, 'sent')
    })
    assert.lengthOf(await db.from('deliveries').where('resident_id', off.id), 0)
    assert.lengthOf(smtpSink.mailTo(on.email!), 1)
    assert.lengthOf(smtpSink.mailTo(off.email!), 0)
  })

  test('inside quiet hours an alert waits for the window to close; an emergency may override it', async ({
    assert,
  }) => {
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    const sleeper = await createResident(central, [organisation])
    await db.table('channel_preferences').insert({
      resident_id: sleeper.id,
      channel: 'email',
      enabled: true,
      emergency_override: true,
      updated_at: sqlTime(),
      ...windowAroundNow(),
    })

    const routine = await alert(organisation.id, central.id, 'Routine at night', 3)
    await AlertDispatcher.dispatch(routine.id)
    const waiting = await db.from('deliveries').where('alert_id', routine.id).firstOrFail()
    assert.equal(waiting.status, 'pending')
    assert.isNotNull(waiting.next_attempt_at)
    await routine.refresh()
    assert.equal(routine.status, 'sending', 'the message stays open until the delivery is made')

    const emergency = await alert(organisation.id, central.id, 'Emergency at night', 5)
    await AlertDispatcher.dispatch(emergency.id)
    const mail = await smtpSink.waitForMail(sleeper.email!, (received) =>
      received.subject.includes('Emergency at night')
    )
    assert.equal(mail.subject, '[Emergency] Emergency at night')
    assert.lengthOf(
      smtpSink
        .mailTo(sleeper.email!)
        .filter((received) => received.subject.includes('Routine at night')),
      0
    )
  })
})
