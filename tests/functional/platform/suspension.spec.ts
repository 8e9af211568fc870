import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import Alert from '#models/messaging/alert'
import type Organisation from '#models/platform/organisation'
import type User from '#models/platform/user'
import type Area from '#models/areas/area'
import DeliverySender from '#services/messaging/delivery/delivery_sender'
import AlertDispatcher from '#services/messaging/delivery/alert_dispatcher'
import AlertScheduling from '#services/messaging/alert_scheduling'
import OrganisationSuspension from '#services/platform/organisations/organisation_suspension'
import { sqlTime } from '#services/platform/infrastructure/sql_time'
import { smtpSink } from '#tests/helpers/smtp_sink'
import { alertFor, callApi, fetchPublic, tokenFor } from '#tests/helpers/archive_fixtures'
import { dispatchedAlert } from '#tests/helpers/delivery_fixtures'
import { createOrganisation, createResident, createStaff, seedAreas } from '#tests/helpers/fixtures'
import { signInStaff } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'

const REASON = 'The service agreement ended on 31 March'
const REFUSAL = `is suspended, so alerts cannot be sent: ${REASON}`

function draft(organisation: Organisation, author: User | null, ward: Area, status = 'draft') {
  return Alert.create({
    organisationId: organisation.id,
    authorId: author?.id ?? null,
    title: 'Road closure',
    body: 'The high street is closed on Saturday.',
    priority: 2,
    status: status as Alert['status'],
    isPublic: true,
    criteria: { areaIds: [ward.id] },
  })
}

/** An organisation with a resident to reach and a sender, suspended by an install admin. */
async function suspendedOrganisation() {
  const { central } = await seedAreas()
  const organisation = await createOrganisation('Northshire Fire')
  const resident = await createResident(central, [organisation])
  const installAdmin = await createStaff(await createOrganisation('Northshire OPCC'), 'admin', {
    installAdmin: true,
  })
  const sender = await createStaff(organisation, 'sender')
  await OrganisationSuspension.suspend(organisation, `${REASON}.`)
  return { central, organisation, resident, sender, installAdmin }
}

test.group('A suspended organisation cannot send', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('send now is refused, and its staff see why on every page and by the send buttons', async ({
    assert,
  }) => {
    const { central, organisation, sender, installAdmin } = await suspendedOrganisation()
    const alert = await draft(organisation, sender, central)
    const browser = await signInStaff(sender)

    const page = await browser.get(`/staff/alerts/${alert.id}`)
    assert.include(
      page.text,
      `Northshire Fire is suspended: ${REASON}. Alerts cannot be sent.`,
      'the banner, with the reason as given less its full stop'
    )
    assert.include(page.text, `Contact ${installAdmin.fullName} (${installAdmin.email})`)
    assert.include(
      page.text,
      'This alert cannot be sent or scheduled while Northshire Fire is suspended'
    )
    assert.notInclude(page.text, 'Send alert now')
    assert.notInclude(page.text, '>Schedule<')
    assert.include((await browser.get('/staff')).text, 'id="suspension-banner"')

    const refused = await browser.post(`/staff/alerts/${alert.id}/send`)
    assert.include(refused.text, `Northshire Fire ${REFUSAL}`)
    await alert.refresh()
    assert.equal(alert.status, 'draft')
  })

  test('scheduling is refused', async ({ assert }) => {
    const { central, organisation, sender } = await suspendedOrganisation()
    const alert = await draft(organisation, sender, central)
    const browser = await signInStaff(sender)
    const tomorrow = DateTime.now().setZone('Europe/London').plus({ days: 1 })
    const page = await browser.post(`/staff/alerts/${alert.id}/schedule`, {
      day: String(tomorrow.day),
      month: String(tomorrow.month),
      year: String(tomorrow.year),
      time: '09:30',
    })
    assert.include(page.text, REFUSAL)
    await alert.refresh()
    assert.equal(alert.status, 'draft')
    assert.isNull(alert.scheduledAt)
  })

  test('an approved alert is not sent', async ({ assert }) => {
    const { central, organisation, sender } = await suspendedOrganisation()
    await db.from('organisations').where('id', organisation.id).update({ requires_approval: true })
    const alert = await draft(organisation, sender, central, 'approved')
    const approver = await signInStaff(await createStaff(organisation, 'approver'))
    const refused = await approver.post(`/staff/alerts/${alert.id}/send`)
    assert.include(refused.text, REFUSAL)
    await alert.refresh()
    assert.equal(alert.status, 'approved')
  })

  test('the API refuses to create and send an alert, and keeps nothing', async ({ assert }) => {
    const { central, organisation } = await suspendedOrganisation()
    const token = await tokenFor(organisation)
    const answer = await callApi('POST', '/api/v1/alerts', {
      token,
      body: {
        title: 'Fire',
        body: 'Keep windows shut.',
        priority: 3,
        category: 'burglary',
        areaCodes: [central.code],
        send: true,
      },
    })
    assert.equal(answer.status, 422)
    assert.deepEqual(answer.json.errors, [{ message: `Northshire Fire ${REFUSAL}` }])
    assert.lengthOf(await Alert.all(), 0)
  })

  test('a scheduled send coming due does not go, and the alert says why', async ({ assert }) => {
    const { central, organisation, sender } = await suspendedOrganisation()
    const alert = await draft(organisation, sender, central, 'scheduled')
    await db
      .from('alerts')
      .where('id', alert.id)
      .update({ scheduled_at: sqlTime(DateTime.now().minus({ minutes: 1 })) })
    assert.isFalse(await AlertScheduling.startIfDue(alert.id))
    await alert.refresh()
    assert.equal(alert.status, 'draft')
    assert.include(alert.statusReason!, REFUSAL)
    assert.lengthOf(await db.from('deliveries').where('alert_id', alert.id), 0)
  })

  test('suspending pauses sends under way; queued dispatch and send jobs hold; resume is refused', async ({
    assert,
  }) => {
    const { central } = await seedAreas()
    const organisation = await createOrganisation('Northshire Fire')
    const resident = await createResident(central, [organisation])
    const sender = await createStaff(organisation, 'sender')
    const underWay = await dispatchedAlert(organisation, central.id, [resident], 'Under way')
    // Sending was asked for, and its dispatch job is queued but has not run.
    const notDispatched = await draft(organisation, sender, central, 'sending')

    const { suspended, paused } = await OrganisationSuspension.suspend(organisation, REASON)
    assert.isTrue(suspended)
    assert.equal(paused, 2)
    await underWay.refresh()
    assert.equal(underWay.status, 'paused')
    assert.include(underWay.statusReason!, 'Held because Northshire Fire was suspended')

    // A job that raced the suspension finds the organisation suspended and holds the send.
    await db
      .from('alerts')
      .whereIn('id', [underWay.id, notDispatched.id])
      .update({ status: 'sending' })
    await AlertDispatcher.dispatch(notDispatched.id)
    await notDispatched.refresh()
    assert.equal(notDispatched.status, 'paused')
    assert.lengthOf(await db.from('deliveries').where('alert_id', notDispatched.id), 0)
    const row = await db.from('deliveries').where('alert_id', underWay.id).firstOrFail()
    await DeliverySender.send({ alertId: underWay.id, channel: 'email', deliveryIds: [row.id] })
    await underWay.refresh()
    assert.equal(underWay.status, 'paused')
    const after = await db.from('deliveries').where('id', row.id).firstOrFail()
    assert.equal(after.status, 'pending')
    assert.lengthOf(smtpSink.mailTo(resident.email!), 0)

    const browser = await signInStaff(sender)
    const page = await browser.get(`/staff/alerts/${underWay.id}`)
    assert.include(page.text, 'Sending cannot resume while Northshire Fire is suspended')
    const refused = await browser.post(`/staff/alerts/${underWay.id}/resume`)
    assert.include(refused.text, REFUSAL)
    await underWay.refresh()
    assert.equal(underWay.status, 'paused')

    // Reactivated, its staff resume it.
    await OrganisationSuspension.reactivate(organisation)
    const resumed = await browser.post(`/staff/alerts/${underWay.id}/resume`)
    assert.include(resumed.text, 'Sending has resumed')
    assert.notInclude(resumed.text, 'id="suspension-banner"')
  })

  test('its published alerts stay readable by the public', async ({ assert }) => {
    const { central, organisation } = await suspendedOrganisation()
    const alert = await alertFor(organisation, [central], { title: 'Grass fire on the common' })
    const page = await fetchPublic(`/alerts/${alert.id}`)
    assert.equal(page.status, 200)
    assert.include(page.text, 'Grass fire on the common')
  })
})
