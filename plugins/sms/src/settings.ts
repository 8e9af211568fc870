import vine from '@vinejs/vine'
import { defineSettings, type SettingsCheckResult, type SettingsForm } from '#contracts/settings'
import { providerAddressAllowed } from '#contracts/provider_address'

/** What install admins set: the provider and its account, paid for by the install. */
export type SmsInstallSettings = {
  provider?: 'notify' | 'twilio'
  notify_api_key?: string
  notify_template_id?: string
  notify_sender_id?: string
  twilio_account_sid?: string
  twilio_auth_token?: string
  twilio_sender?: string
  callback_token?: string
  cost_per_segment_pence?: number
  api_base_url?: string
}

/** What each organisation sets. */
export type SmsOrganisationSettings = {
  monthly_limit_pounds?: number
}

// name-{service id}-{secret}: Notify's own format (two UUIDs at the end).
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'
export const NOTIFY_API_KEY = new RegExp(`^[A-Za-z0-9_ -]+-${UUID}-${UUID}$`)
const NOTIFY_TEMPLATE_ID = new RegExp(`^${UUID}$`)
const TWILIO_ACCOUNT_SID = /^AC[0-9a-f]{32}$/
// A Messaging Service, a number in E.164, or an alphanumeric sender id (up to 11 characters).
const TWILIO_SENDER = /^(MG[0-9a-f]{32}|\+[1-9]\d{6,14}|[A-Za-z0-9 ]{1,11})$/

const PROVIDER_ADDRESS_FIELD = {
  name: 'api_base_url',
  type: 'url',
  label: 'Provider address (optional)',
  hint: 'For testing only: leave blank to use the provider’s own address.',
} as const

const installForm: SettingsForm = {
  fields: [
    {
      name: 'provider',
      type: 'select',
      label: 'Provider',
      hint: 'GOV.UK Notify for public sector services; Twilio otherwise.',
      options: [
        { value: 'notify', label: 'GOV.UK Notify' },
        { value: 'twilio', label: 'Twilio' },
      ],
      required: true,
    },
    {
      name: 'notify_api_key',
      type: 'secret',
      label: 'GOV.UK Notify API key',
      hint: 'Notify → API integration → API keys: a "Live" key (a "Team and guest list" key only texts your team).',
    },
    {
      name: 'notify_template_id',
      type: 'text',
      label: 'GOV.UK Notify template ID',
      hint: 'A text message template whose whole message is ((body)).',
    },
    {
      name: 'notify_sender_id',
      type: 'text',
      label: 'GOV.UK Notify text message sender ID (optional)',
      hint: 'Notify → Settings → Text message senders; blank for the service’s default sender.',
    },
    {
      name: 'twilio_account_sid',
      type: 'text',
      label: 'Twilio account SID',
      hint: 'Starts AC, on the Twilio console’s home page.',
    },
    { name: 'twilio_auth_token', type: 'secret', label: 'Twilio auth token' },
    {
      name: 'twilio_sender',
      type: 'text',
      label: 'Twilio sender',
      hint: 'A Messaging Service SID (starts MG), a number like +447700900123, or a sender name of up to 11 letters.',
    },
    {
      name: 'callback_token',
      type: 'secret',
      label: 'GOV.UK Notify callback bearer token',
      hint: 'Any long random text: enter the same in Notify → API integration → Callbacks (delivery receipts and received text messages).',
    },
    {
      name: 'cost_per_segment_pence',
      type: 'number',
      label: 'Price of one text message part, in pence',
      hint: 'Used to estimate an alert’s cost before it is sent. A long message is sent in several parts.',
      default: 2,
    },
    PROVIDER_ADDRESS_FIELD,
  ],
  validator: vine.create({
    provider: vine.enum(['notify', 'twilio']),
    notify_api_key: vine
      .string()
      .trim()
      .regex(NOTIFY_API_KEY)
      .optional()
      .requiredWhen('provider', '=', 'notify'),
    notify_template_id: vine
      .string()
      .trim()
      .toLowerCase()
      .regex(NOTIFY_TEMPLATE_ID)
      .optional()
      .requiredWhen('provider', '=', 'notify'),
    notify_sender_id: vine.string().trim().toLowerCase().regex(NOTIFY_TEMPLATE_ID).optional(),
    twilio_account_sid: vine
      .string()
      .trim()
      .regex(TWILIO_ACCOUNT_SID)
      .optional()
      .requiredWhen('provider', '=', 'twilio'),
    twilio_auth_token: vine
      .string()
      .trim()
      .regex(/^[0-9a-f]{32}$/)
      .optional()
      .requiredWhen('provider', '=', 'twilio'),
    twilio_sender: vine
      .string()
      .trim()
      .regex(TWILIO_SENDER)
      .optional()
      .requiredWhen('provider', '=', 'twilio'),
    callback_token: vine
      .string()
      .trim()
      .minLength(20)
      .maxLength(200)
      .optional()
      .requiredWhen('provider', '=', 'notify'),
    cost_per_segment_pence: vine.number().min(0).max(100).optional(),
    api_base_url: vine.string().trim().url({ require_tld: false }).optional(),
  }),
  messages: {
    'provider': 'Choose GOV.UK Notify or Twilio',
    'notify_api_key.regex':
      'Enter the API key as Notify shows it: its name, then two long codes joined by hyphens',
    'notify_api_key.requiredWhen': 'Enter the GOV.UK Notify API key',
    'notify_template_id.regex': 'Enter the template ID as Notify shows it, like 6ab1c2d3-…',
    'notify_template_id.requiredWhen': 'Enter the ID of the GOV.UK Notify template',
    'notify_sender_id.regex': 'Enter the sender ID as Notify shows it, or leave it blank',
    'twilio_account_sid.regex': 'Enter the account SID: AC followed by 32 letters and digits',
    'twilio_account_sid.requiredWhen': 'Enter the Twilio account SID',
    'twilio_auth_token.regex': 'Enter the auth token: 32 letters and digits',
    'twilio_auth_token.requiredWhen': 'Enter the Twilio auth token',
    'twilio_sender.regex':
      'Enter a Messaging Service SID (MG…), a number like +447700900123, or a name of up to 11 letters',
    'twilio_sender.requiredWhen': 'Enter who texts come from (a Messaging Service, number or name)',
    'callback_token.minLength': 'Enter a callback token of at least 20 characters',
    'callback_token.requiredWhen': 'Enter a callback token, and the same in Notify',
    'cost_per_segment_pence': 'Enter a price between 0 and 100 pence',
    'api_base_url':
      'Enter the provider address in full, like https://api.example.org, or leave it blank',
  },
}

/** The install's form; the provider address only outside production (provider_address.ts). */
export function installFormFor(addressAllowed = providerAddressAllowed()): SettingsForm {
  return {
    ...installForm,
    fields: installForm.fields.filter(
      (field) => addressAllowed || field.name !== PROVIDER_ADDRESS_FIELD.name
    ),
  }
}

export function smsSettings(check: (values: SmsInstallSettings) => Promise<SettingsCheckResult>) {
  return defineSettings<SmsOrganisationSettings>({
    scope: 'organisation',
    organisationsMayEnable: true,
    fields: [
      {
        name: 'monthly_limit_pounds',
        type: 'number',
        label: 'Monthly spending limit, in pounds (optional)',
        hint: 'Before an alert is sent, its page warns when it would take this month’s text messages past this. Blank for no limit.',
      },
    ],
    validator: vine.create({
      monthly_limit_pounds: vine.number().min(0).max(1_000_000).optional(),
    }),
    messages: { monthly_limit_pounds: 'Enter a limit in pounds, like 250, or leave it blank' },
    install: { ...installFormFor(), check: (values) => check(values as SmsInstallSettings) },
  })
}
