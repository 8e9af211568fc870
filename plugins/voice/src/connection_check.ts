import type { SettingsCheckResult } from '#contracts/settings'
import { callSettings, type VoiceSettings } from './settings.js'
import { refusalOf, twilioClient } from './twilio_client.js'

/**
 * "Test connection": asks Twilio for the account (which proves the SID and
 * token) and whether the "from" number is one of its numbers. Places no call.
 */
export async function checkConnection(values: VoiceSettings): Promise<SettingsCheckResult> {
  const settings = callSettings(values)
  if (!settings) {
    return { ok: false, message: 'Enter the account SID, auth token and number first.' }
  }
  const client = twilioClient(settings)
  try {
    const account = await client.api.v2010.accounts(settings.accountSid).fetch()
    if (account.status !== 'active') {
      return {
        ok: false,
        message: `Twilio says the account is ${account.status}: calls cannot be made from it.`,
      }
    }
    const numbers = await client.incomingPhoneNumbers.list({
      phoneNumber: settings.fromNumber,
      limit: 1,
    })
    if (numbers.length === 0) {
      return {
        ok: false,
        message: `The account SID and auth token work, but ${settings.fromNumber} is not a number of this Twilio account.`,
      }
    }
    if (numbers[0].capabilities?.voice === false) {
      return { ok: false, message: `${settings.fromNumber} cannot make voice calls.` }
    }
    return {
      ok: true,
      message: `Twilio accepted the account SID and auth token, and calls will come from ${settings.fromNumber}.`,
    }
  } catch (error) {
    const refusal = refusalOf(error)
    if (refusal.status === 401) {
      return {
        ok: false,
        message:
          'Twilio refused the account SID and auth token: copy both again from the Twilio console.',
      }
    }
    if (refusal.status === 404) {
      return { ok: false, message: 'Twilio has no account with that account SID.' }
    }
    if (refusal.status === null) {
      return {
        ok: false,
        message: 'Twilio could not be reached. Check the API address and try again.',
      }
    }
    return {
      ok: false,
      message: `Twilio answered ${refusal.status}${refusal.code ? ` (error ${refusal.code})` : ''}.`,
    }
  }
}
