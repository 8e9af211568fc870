import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type { PrivacyErasure } from '#contracts/privacy'
import privacyRegistry from '#services/residents/privacy_registry'
import ResidentConsents from '#services/residents/preferences/resident_consents'
import ResidentErasure from '#services/residents/privacy/resident_erasure'
import ResidentDataExport from '#services/residents/privacy/resident_data_export'
import SubscriptionConfirmation from '#services/residents/registration/subscription_confirmation'
import ResidentTokens from '#services/residents/registration/resident_tokens'
import Resident from '#models/residents/resident'
import { uniqueEmail } from '#tests/helpers/fixtures'
import { alertTo, residentOf, seedSelfService } from '#tests/helpers/self_service_fixtures'
import { recordEvents } from '#tests/helpers/raised_events'
import { emptyTablesAfterwards } from '#tests/helpers/database'

test.group('Privacy registry and the resident events', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('a registered section joins the data download, after the resident’s own and the alerts received', async ({
    assert,
    cleanup,
  }) => {
    const world = await seedSelfService()
    const resident = await residentOf(world, { name: 'Ada Quennell' })
    await alertTo(resident, world.opcc, 'Sheds broken into')
    cleanup(
      privacyRegistry.register('doorbellCameras', {
        export: async (residentId) =>
          residentId === resident.id ? [{ camera: 'Front door', sharedSince: '2026-01-02' }] : [],
        erase: async () => {},
      })
    )

    const data = await ResidentDataExport.collect(resident.id)
    const keys = Object.keys(data)
    assert.deepEqual(keys.slice(-9), [
      'alertsReceived',
      'alertOpensAndClicks',
      'alertRatings',
      'residentReports',
      'alertReplies',
      'alertForwards',
      'surveyAnswers',
      'aboutYouHistory',
      'doorbellCameras',
    ])
    assert.deepEqual(data.doorbellCameras, [{ camera: 'Front door', sharedSince: '2026-01-02' }])
    assert.equal((data.alertsReceived as { title: string }[])[0].title, 'Sheds broken into')
    const csv = ResidentDataExport.toCsv(data)
    assert.include(csv, 'doorbellCameras,1,camera,Front door')
  })

  test('erasure raises resident:erased, then asks every section to erase with what copies may quote', async ({
    assert,
    cleanup,
  }) => {
    const world = await seedSelfService()
    const resident = await residentOf(world, { name: 'Ada Quennell', phone: '+447700900462' })
    const queued = await alertTo(resident, world.opcc, 'Queued', { status: 'pending' })
    const events = recordEvents(cleanup)
    const asked: { erasure: PrivacyErasure; pendingLeft: number; email: string | null }[] = []
    cleanup(
      privacyRegistry.register('doorbellCameras', {
        export: async () => null,
        erase: async (erasure) => {
          // By now the listener skipped the queued delivery, and the resident's record is still whole.
          const pending = await db
            .from('deliveries')
            .where('alert_id', queued.id)
            .where('status', 'pending')
          const row = await db.from('residents').where('id', resident.id).first()
          asked.push({ erasure, pendingLeft: pending.length, email: row.email })
        },
      })
    )

    await ResidentErasure.erase(resident.id)

    assert.deepEqual(events.of('resident:erased'), [{ residentId: resident.id }])
    assert.lengthOf(asked, 1)
    assert.equal(asked[0].erasure.residentId, resident.id)
    assert.includeMembers(asked[0].erasure.traces, [
      resident.email!.toLowerCase(),
      '+447700900462',
      '07700900462',
      'Ada Quennell',
    ])
    assert.equal(asked[0].pendingLeft, 0)
    assert.equal(asked[0].email, resident.email)
    const delivery = await db.from('deliveries').where('alert_id', queued.id).firstOrFail()
    assert.equal(delivery.status, 'skipped')
    assert.equal(delivery.error, 'The resident deleted their account before this was sent')
    assert.isNull(delivery.resident_id)
  })

  test('a section that fails stops the erasure, leaving the resident’s record whole', async ({
    assert,
    cleanup,
  }) => {
    const world = await seedSelfService()
    const resident = await residentOf(world, { name: 'Ada Quennell' })
    cleanup(
      privacyRegistry.register('doorbellCameras', {
        export: async () => null,
        erase: async () => {
          throw new Error('The camera service did not answer')
        },
      })
    )
    await assert.rejects(() => ResidentErasure.erase(resident.id), /did not answer/)
    await resident.refresh()
    assert.equal(resident.status, 'active')
    assert.equal(resident.name, 'Ada Quennell')
  })

  test('withdrawing consent raises resident:consent_withdrawn with the organisations withdrawn from', async ({
    assert,
    cleanup,
  }) => {
    const world = await seedSelfService()
    const resident = await residentOf(world)
    const consented = await db.from('consents').where('resident_id', resident.id)
    assert.isAtLeast(consented.length, 2)
    const events = recordEvents(cleanup)

    await ResidentConsents.set(resident.id, [world.opcc.id])
    const withdrawn = consented
      .map((row) => Number(row.organisation_id))
      .filter((id) => id !== world.opcc.id)
    assert.lengthOf(events.of('resident:consent_withdrawn'), 1)
    const [raised] = events.of('resident:consent_withdrawn')
    assert.equal(raised.residentId, resident.id)
    assert.sameMembers(raised.organisationIds!, withdrawn)

    // Granting only, or changing nothing, withdraws nothing.
    await ResidentConsents.set(resident.id, [world.opcc.id])
    assert.lengthOf(events.of('resident:consent_withdrawn'), 1)
  })

  test('confirming the emailed link raises resident:confirmed once, a second click nothing', async ({
    assert,
    cleanup,
  }) => {
    await seedSelfService()
    const resident = await Resident.create({
      name: 'Ada',
      email: uniqueEmail(),
      status: 'pending',
      source: 'web',
      language: 'en',
      priorityThreshold: 1,
    })
    const secret = await ResidentTokens.issue(resident.id, 'confirm_email', 48)
    const events = recordEvents(cleanup)

    assert.notEqual(await SubscriptionConfirmation.confirm(secret), 'already_confirmed')
    assert.equal(await SubscriptionConfirmation.confirm(secret), 'already_confirmed')
    assert.deepEqual(events.of('resident:confirmed'), [{ residentId: resident.id }])
    await resident.refresh()
    assert.equal(resident.status, 'active')
  })
})
