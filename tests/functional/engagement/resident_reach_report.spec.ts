import { test } from '@japa/runner'
import config from '@adonisjs/core/services/config'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import type Organisation from '#models/platform/organisation'
import AudienceIndex from '#services/targeting/audience_index'
import ResidentFigures from '#services/engagement/reports/resident_figures'
import ResidentContacts from '#services/residents/contacts/resident_contacts'
import channelRegistry from '#services/platform/plugins/channel_registry'
import { sqlTime } from '#services/platform/infrastructure/sql_time'
import { stopUpkeep, startUpkeep } from '#jobs/queue_workers'
import { createOrganisation, createResident, createStaff, seedAreas } from '#tests/helpers/fixtures'
import { contactOnlyChannel } from '#tests/helpers/contact_channels'
import { signInStaff } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import { MARCH_2026, tableRows } from '#tests/helpers/organisation_report_fixtures'

const REPORT = '/staff/reports/residents'

async function channelPreference(
  residentId: number,
  channel: string,
  values: { enabled: boolean; quiet_from?: string; quiet_to?: string }
) {
  await db.table('channel_preferences').insert({
    resident_id: residentId,
    channel,
    emergency_override: true,
    updated_at: sqlTime(),
    ...values,
  })
}

/**
 * The police's residents today, by hand. The police have switched on email,
 * SMS and pigeon post; voice is registered but not switched on for them.
 *   A Central, email                                  email
 *   B accepts emergencies only (threshold 5), email and mobile   email, SMS
 *   C lives in no known area, email                    email
 *   D email bounced, mobile                            SMS
 *   E switched email off; SMS with quiet hours 22:00–07:00   SMS
 *   J email and a pigeon loft                          email, pigeon
 *   K a mobile not yet proved, no email                counted, no channel
 *   not counted: a resident still to confirm, one who stopped all alerts, one
 *   who withdrew consent, and the fire service's own resident.
 * So 7 residents: email 4, SMS 3, pigeon 1.
 */
async function residentsToday(police: Organisation, fire: Organisation) {
  const { central, abbey } = await seedAreas()
  await createResident(central, [police])
  await createResident(abbey, [police], { priorityThreshold: 5, phone: '+447700900101' })
  const c = await createResident(central, [police])
  await db.from('resident_areas').where('resident_id', c.id).delete()
  const d = await createResident(central, [police], { phone: '+447700900102' })
  await db.from('residents').where('id', d.id).update({ email_bounced_at: sqlTime() })
  const e = await createResident(abbey, [police], { phone: '+447700900103' })
  await channelPreference(e.id, 'email', { enabled: false })
  await channelPreference(e.id, 'sms', { enabled: true, quiet_from: '22:00', quiet_to: '07:00' })
  const j = await createResident(central, [police])
  await ResidentContacts.add({ residentId: j.id, kind: 'pigeon_loft', value: 'loft 7' })
  await createResident(central, [police], {
    email: null,
    phone: '+447700900104',
    phoneVerifiedAt: null,
  })

  await createResident(central, [police], { status: 'pending' })
  await createResident(central, [police], {
    status: 'unsubscribed',
    unsubscribedAt: DateTime.now(),
  })
  const withdrew = await createResident(central, [police, fire])
  await db
    .from('consents')
    .where({ resident_id: withdrew.id, organisation_id: police.id })
    .update({ withdrawn_at: sqlTime() })
  await createResident(central, [fire], { phone: '+447700900105' })
  return { central }
}

test.group('Residents report: by channel, from the audience index', (group) => {
  group.setup(() => {
    // The embedded worker's upkeep would build the index on its own timer: the test decides.
    stopUpkeep()
    return () => startUpkeep()
  })
  group.each.setup(async () => {
    const truncate = await emptyTablesAfterwards()
    await AudienceIndex.forget()
    return truncate
  })

  test('the index answers, with the hand count and the live count from the consents', async ({
    assert,
    cleanup,
  }) => {
    const police = await createOrganisation('Lincolnshire Police')
    const fire = await createOrganisation('Lincolnshire Fire and Rescue')
    const forPolice = (organisationId?: number) => organisationId === police.id
    const restores = [
      channelRegistry.standIn(contactOnlyChannel('sms', 'mobile'), forPolice),
      channelRegistry.standIn(contactOnlyChannel('voice', ['landline', 'mobile']), () => false),
      channelRegistry.standIn(contactOnlyChannel('pigeon', 'pigeon_loft'), forPolice),
    ]
    cleanup(() => restores.forEach((restore) => restore()))
    const { central } = await residentsToday(police, fire)

    const now = DateTime.now()
    const figures = await ResidentFigures.byChannel(police.id, now)
    assert.equal(figures.answeredBy, 'index')
    const counts = (result: typeof figures) => ({
      total: result.total,
      channels: Object.fromEntries(result.channels.map((one) => [one.key, one.residents])),
    })
    assert.deepEqual(counts(figures), { total: 7, channels: { email: 4, sms: 3, pigeon: 1 } })
    const live = await ResidentFigures.byChannel(police.id, now, true)
    assert.deepEqual(counts(figures), counts(live))

    // What staff see: the same figures, the index's.
    const browser = await signInStaff(await createStaff(police, 'analyst'))
    const page = await browser.get(`${REPORT}?${MARCH_2026}`)
    assert.deepEqual(tableRows(page.text, 'channels'), [
      ['Email', '4', '57.1%'],
      ['sms', '3', '42.9%'],
      ['pigeon', '1', '14.3%'],
    ])
    assert.include(page.text, '7 residents today')

    // A change is counted at once: the index takes in what the triggers recorded.
    const another = await createResident(central, [police])
    await channelPreference(another.id, 'email', { enabled: false })
    const after = await ResidentFigures.byChannel(police.id, DateTime.now())
    assert.equal(after.answeredBy, 'index')
    assert.deepEqual(counts(after), { total: 8, channels: { email: 4, sms: 3, pigeon: 1 } })
  })

  test('without the index SQL answers the same', async ({ assert, cleanup }) => {
    const police = await createOrganisation('Lincolnshire Police')
    const fire = await createOrganisation('Lincolnshire Fire and Rescue')
    const restore = channelRegistry.standIn(contactOnlyChannel('sms', 'mobile'), () => true)
    cleanup(restore)
    const limit = config.get<number>('beacon.audience.buildOnRequestUpTo')
    config.set('beacon.audience.buildOnRequestUpTo', 0)
    cleanup(() => config.set('beacon.audience.buildOnRequestUpTo', limit))
    await residentsToday(police, fire)

    const figures = await ResidentFigures.byChannel(police.id, DateTime.now())
    assert.equal(figures.answeredBy, 'sql')
    assert.equal(figures.total, 7)
    assert.deepEqual(
      figures.channels.map((one) => [one.key, one.residents]),
      [
        ['email', 4],
        ['sms', 3],
      ]
    )
  })
})
