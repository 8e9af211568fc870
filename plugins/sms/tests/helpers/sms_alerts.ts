import type { Group } from '@japa/runner/core'
import db from '@adonisjs/lucid/services/db'
import { eventually } from '#tests/helpers/eventually'
import { emptyQueues } from '#tests/helpers/queues'
import { createOrganisation, createResident, createStaff, seedAreas } from '#tests/helpers/fixtures'
import { signInStaff } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import { FakeTwilioMessages } from '#tests/helpers/fake_twilio_messages'
import { FakeNotify } from './fake_notify.js'

export interface FakeSmsProviders {
  twilio: FakeTwilioMessages
  notify: FakeNotify
}

/**
 * Both fake providers, started afresh for each test of the group (with empty
 * queues and tables) and stopped after it. The returned object's fields are
 * the current test's providers.
 */
export function fakeSmsProvidersEach(group: Group): FakeSmsProviders {
  const providers = {} as FakeSmsProviders
  group.each.setup(async () => {
    await emptyQueues()
    providers.twilio = await new FakeTwilioMessages().start()
    providers.notify = await new FakeNotify().start()
    const empty = await emptyTablesAfterwards()
    return async () => {
      await providers.twilio.stop()
      await providers.notify.stop()
      await empty()
    }
  })
  return providers
}

/** A sender writes an alert for one area and sends it, through the staff pages. */
export async function sendAlertToArea(
  organisation: Parameters<typeof createStaff>[0],
  areaId: number,
  title: string,
  body = 'Details to follow.'
) {
  const sender = await signInStaff(await createStaff(organisation, 'sender'))
  const review = await sender.submit(
    '/staff/alerts/new',
    { 'title': title, 'body': body, 'priority': 4, 'areaIds[]': [areaId] },
    { action: '/staff/alerts' }
  )
  const alertId = Number(/\/staff\/alerts\/(\d+)/.exec(review.url)?.[1])
  const sent = await sender.post(`/staff/alerts/${alertId}/send`)
  if (!sent.text.includes('Sending has started.')) throw new Error(sent.text.slice(0, 3000))
  return alertId
}

/** Waits until the alert's texts are recorded as sent. */
export async function textsSent(alertId: number) {
  await eventually(async () => {
    const texted = await db
      .from('deliveries')
      .where({ alert_id: alertId, channel: 'sms' })
      .whereNotNull('sent_at')
    if (texted.length === 0) throw new Error('not texted yet')
  })
}

/**
 * An organisation with the demo wards, and a maker of its residents who have
 * only a mobile (no email address): whom a text is for.
 */
export async function textingWorld() {
  const { central } = await seedAreas()
  const organisation = await createOrganisation()
  const texter = (phone: string, overrides: Parameters<typeof createResident>[2] = {}) =>
    createResident(central, [organisation], { email: null, phone, ...overrides })
  return { central, organisation, texter }
}
