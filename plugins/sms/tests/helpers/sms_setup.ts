import type { BrowserLikeSession } from '#tests/helpers/http'
import { createStaff } from '#tests/helpers/fixtures'
import { signInStaff } from '#tests/helpers/staff_session'
import type { FakeNotify } from './fake_notify.js'
import type { FakeTwilioMessages } from '#tests/helpers/fake_twilio_messages'

export const SETTINGS = '/staff/settings/plugins/sms'
export const CALLBACK_TOKEN = 'notify-callback-token-0123456789'

export function notifyValues(notify: FakeNotify, overrides: Record<string, string> = {}) {
  return {
    provider: 'notify',
    notify_api_key: notify.apiKey(),
    notify_template_id: notify.templateId,
    callback_token: CALLBACK_TOKEN,
    cost_per_segment_pence: '2',
    api_base_url: notify.url(),
    ...overrides,
  }
}

export function twilioValues(fake: FakeTwilioMessages, overrides: Record<string, string> = {}) {
  return {
    provider: 'twilio',
    twilio_account_sid: fake.accountSid,
    twilio_auth_token: fake.authToken,
    twilio_sender: '+447700900999',
    cost_per_segment_pence: '3',
    api_base_url: fake.url(),
    ...overrides,
  }
}

/**
 * An install admin of the organisation switches the plugin on, saves the
 * provider's settings and switches it on for the organisation, through the
 * real Settings → Plugins pages. Disables it again in cleanup.
 */
export async function setUpSms(
  organisation: Parameters<typeof createStaff>[0],
  values: Record<string, string>,
  cleanup: (fn: () => Promise<void>) => void
): Promise<BrowserLikeSession> {
  const admin = await signInStaff(await createStaff(organisation, 'admin', { installAdmin: true }))
  await admin.get(SETTINGS)
  const enabled = await admin.post(SETTINGS, { enabled: 'true' })
  if (!enabled.text.includes('Text messages is now enabled.')) {
    throw new Error(`Could not enable the plugin:\n${enabled.text.slice(0, 3000)}`)
  }
  cleanup(async () => {
    await admin.get(SETTINGS)
    await admin.post(SETTINGS, { enabled: 'false' })
  })
  const saved = await admin.post(`${SETTINGS}/settings`, { ...values, _intent: 'save' })
  if (saved.text.includes('There is a problem')) {
    throw new Error(`Settings refused:\n${saved.text.slice(0, 5000)}`)
  }
  await admin.post(`${SETTINGS}/organisation`, { enabled: 'true' })
  return admin
}
