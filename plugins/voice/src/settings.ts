import vine from '@vinejs/vine'
import { defineSettings, type SettingsCheckResult, type SettingsField } from '#contracts/settings'
import { providerAddress, providerAddressAllowed } from '#contracts/provider_address'

/** What install admins set: the Twilio account the calls are made from, and how often to try again. */
export type VoiceSettings = {
  account_sid?: string
  auth_token?: string
  from_number?: string
  retries?: number
  retry_minutes?: number
  api_base_url?: string
}

export const DEFAULT_RETRIES = 2
export const DEFAULT_RETRY_MINUTES = 10

/** The settings a call needs, with the defaults applied; null while the account is not set up. */
export function callSettings(
  values: Partial<VoiceSettings>,
  addressAllowed = providerAddressAllowed()
) {
  if (!values.account_sid || !values.auth_token || !values.from_number) return null
  return {
    accountSid: values.account_sid,
    authToken: values.auth_token,
    fromNumber: values.from_number,
    retries: values.retries ?? DEFAULT_RETRIES,
    retryMinutes: values.retry_minutes ?? DEFAULT_RETRY_MINUTES,
    apiBaseUrl: providerAddress(values.api_base_url, addressAllowed) ?? null,
  }
}

export type CallSettings = NonNullable<ReturnType<typeof callSettings>>

/**
 * One Twilio account for the install: the install pays for calls, so only
 * install admins switch the plugin on and hold its credentials.
 */
export function voiceSettings(
  check: (values: VoiceSettings) => Promise<SettingsCheckResult>,
  addressAllowed = providerAddressAllowed()
) {
  const addressField: SettingsField = {
    name: 'api_base_url',
    type: 'url',
    label: 'Twilio API address',
    hint: 'For testing only: leave blank to use Twilio’s own (https://api.twilio.com).',
  }
  return defineSettings<VoiceSettings>({
    scope: 'install',
    fields: [
      {
        name: 'account_sid',
        type: 'text',
        label: 'Account SID',
        hint: 'In the Twilio console, on the account’s dashboard. It starts with AC.',
        required: true,
      },
      {
        name: 'auth_token',
        type: 'secret',
        label: 'Auth token',
        hint: 'Next to the account SID. It also checks that call reports really come from Twilio.',
        required: true,
      },
      {
        name: 'from_number',
        type: 'text',
        label: 'Number calls come from',
        hint: 'A voice-capable number of your Twilio account, with the country code, like +441632960000.',
        required: true,
      },
      {
        name: 'retries',
        type: 'number',
        label: 'Tries again when the line is busy or nobody answers',
        hint: `How many more calls, from 0 to 5. Leave blank for ${DEFAULT_RETRIES}.`,
        default: DEFAULT_RETRIES,
      },
      {
        name: 'retry_minutes',
        type: 'number',
        label: 'Minutes between tries',
        hint: `From 1 to 240. Leave blank for ${DEFAULT_RETRY_MINUTES}.`,
        default: DEFAULT_RETRY_MINUTES,
      },
      // Outside production only (provider_address.ts).
      ...(addressAllowed ? [addressField] : []),
    ],
    validator: vine.create({
      account_sid: vine
        .string()
        .trim()
        .regex(/^AC[0-9a-fA-F]{32}$/),
      auth_token: vine
        .string()
        .trim()
        .regex(/^[0-9a-zA-Z]{32}$/),
      from_number: vine
        .string()
        .trim()
        .regex(/^\+[1-9]\d{6,14}$/),
      retries: vine.number().withoutDecimals().range([0, 5]).optional(),
      retry_minutes: vine.number().withoutDecimals().range([1, 240]).optional(),
      api_base_url: vine
        .string()
        .trim()
        .url({ require_tld: false, protocols: ['http', 'https'] })
        .optional(),
    }),
    messages: {
      'account_sid.required': 'Enter the account SID',
      'account_sid.regex':
        'Enter the account SID as it is in the Twilio console: AC and 32 letters and digits',
      'auth_token.required': 'Enter the auth token',
      'auth_token.regex':
        'Enter the auth token as it is in the Twilio console: 32 letters and digits',
      'from_number.required': 'Enter the number calls come from',
      'from_number.regex': 'Enter the number with its country code, like +441632960000',
      'retries': 'Enter how many more calls as a whole number from 0 to 5',
      'retry_minutes': 'Enter the minutes between tries as a whole number from 1 to 240',
      'api_base_url':
        'Enter the API address in full, like https://api.twilio.com, or leave it blank',
    },
    check,
  })
}
