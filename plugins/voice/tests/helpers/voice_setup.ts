import db from '@adonisjs/lucid/services/db'
import { createOrganisation, createStaff, seedAreas } from '#tests/helpers/fixtures'
import { signInStaff } from '#tests/helpers/staff_session'
import { signedInAs } from '#tests/helpers/self_service_fixtures'
import { ACCOUNT_SID, AUTH_TOKEN, FakeTwilioCalls, FROM_NUMBER } from './fake_twilio_calls.js'

export const SETTINGS = '/staff/settings/plugins/voice'

export function settingsFor(fake: FakeTwilioCalls, extra: Record<string, string> = {}) {
  return {
    account_sid: ACCOUNT_SID,
    auth_token: AUTH_TOKEN,
    from_number: FROM_NUMBER,
    retries: '2',
    retry_minutes: '10',
    api_base_url: fake.url(),
    ...extra,
  }
}

type Cleanup = (task: () => void | Promise<void>) => void

/** A fake Twilio, and the plugin enabled and pointed at it by an install admin in Settings → Plugins. */
export async function voiceInstall(cleanup: Cleanup) {
  const fake = await new FakeTwilioCalls().start()
  cleanup(() => fake.stop())
  const { central } = await seedAreas()
  const organisation = await createOrganisation()
  const admin = await signInStaff(await createStaff(organisation, 'admin', { installAdmin: true }))
  await admin.get(SETTINGS)
  const enabled = await admin.post(SETTINGS, { enabled: 'true' })
  if (!enabled.text.includes('Voice calls is now enabled.')) throw new Error('Not enabled')
  cleanup(async () => {
    await admin.get(SETTINGS)
    await admin.post(SETTINGS, { enabled: 'false' })
  })
  const saved = await admin.post(`${SETTINGS}/settings`, { ...settingsFor(fake), _intent: 'save' })
  if (saved.status !== 200) throw new Error(`Settings not saved: ${saved.status}`)
  return { fake, central, organisation, admin }
}

/** Composes and sends an alert to the ward as a sender would; answers its id. */
export async function sendAlert(
  organisation: Awaited<ReturnType<typeof createOrganisation>>,
  areaId: number,
  content = { title: 'Water off', body: 'The water is off in **Central** until 6pm.', priority: 3 }
) {
  const sender = await signInStaff(await createStaff(organisation, 'sender'))
  const review = await sender.submit(
    '/staff/alerts/new',
    {
      'title': content.title,
      'body': content.body,
      'priority': content.priority,
      'areaIds[]': [areaId],
    },
    { action: '/staff/alerts' }
  )
  const alertId = Number(/\/staff\/alerts\/(\d+)/.exec(review.url)?.[1])
  const sent = await sender.post(`/staff/alerts/${alertId}/send`)
  if (!sent.text.includes('Sending has started.')) throw new Error('The alert did not start')
  return { alertId, sender }
}

export async function voiceDeliveries(alertId: number) {
  return db
    .from('deliveries')
    .where('alert_id', alertId)
    .where('channel', 'voice')
    .orderBy('id')
    .select('resident_id', 'status', 'provider_id', 'error')
}

/** Until every call of the alert is in the ledger as sent (Twilio's reports then find it). */
export async function allSent(alertId: number, count: number) {
  const { eventually } = await import('#tests/helpers/eventually')
  await eventually(async () => {
    const rows = await voiceDeliveries(alertId)
    if (rows.length !== count || rows.some((row) => row.status !== 'sent')) {
      throw new Error(`Not all sent yet: ${rows.map((row) => row.status).join(', ')}`)
    }
  })
}

/** The resident signs in and chooses (or declines) "Phone call to my mobile" on their preferences page. */
export async function chooseMobileCalls(
  resident: Parameters<typeof signedInAs>[0],
  answer: 'yes' | 'no' = 'yes'
) {
  const browser = await signedInAs(resident)
  const page = await browser.get('/my-alerts/account')
  if (!page.text.includes('Phone calls to your mobile'))
    throw new Error('No choice of mobile calls')
  const saved = await browser.post('/my-alerts/plugins/voice/mobile-calls', {
    mobile_calls: answer,
  })
  return { browser, saved }
}
