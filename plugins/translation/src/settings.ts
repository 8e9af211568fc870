import vine from '@vinejs/vine'
import { providerAddressAllowed } from '#contracts/provider_address'
import {
  defineSettings,
  type SettingsCheckResult,
  type SettingsField,
  type SettingsForm,
} from '#contracts/settings'
import { isBundledCode } from './language_names.js'

/** Install-wide: the Google Cloud account and the languages residents may choose. */
export type TranslationInstallSettings = {
  project_id?: string
  api_key?: string
  service_account_key?: string
  languages?: string
  /** For tests and development only: where the Translation API is (never used in production). */
  api_url?: string
}

/** Whether machine translations nobody checked go out. */
export type UnreviewedChoice = 'always' | 'urgent' | 'never'

/** Each organisation's own: whether unchecked machine translations may go out. */
export type TranslationSettings = {
  unreviewed?: UnreviewedChoice
}

export const TRANSLATE_API = 'translation.googleapis.com'

/** The codes typed in the languages box: separated by commas, spaces or new lines. */
export function codesIn(text: string | undefined): string[] {
  return [
    ...new Set(
      (text ?? '')
        .split(/[\s,;]+/)
        .map((code) => code.trim())
        .filter(Boolean)
    ),
  ]
}

/** Each typed code must be one Google translates into (the bundled list; Test connection asks the API). */
const knownCodes = vine.createRule((value, _options, field) => {
  if (typeof value !== 'string') return
  const unknown = codesIn(value).filter((code) => !isBundledCode(code))
  if (unknown.length) {
    field.report('Unknown language codes', 'knownCodes', field, {
      codes: unknown.map((code) => `“${code}”`).join(', '),
      verb: unknown.length > 1 ? 'are not language codes' : 'is not a language code',
    })
  }
})

const ADDRESS_FIELD: SettingsField = {
  name: 'api_url',
  type: 'url',
  label: 'Translation API address',
  hint: `For testing only: leave blank to use https://${TRANSLATE_API}.`,
}

export function installForm(
  check?: (values: TranslationInstallSettings) => Promise<SettingsCheckResult>,
  addressAllowed = providerAddressAllowed()
): SettingsForm {
  return {
    check: check as SettingsForm['check'],
    fields: [
      {
        name: 'project_id',
        type: 'text',
        label: 'Google Cloud project ID',
        hint: 'The project with the Cloud Translation API switched on, like “county-alerts-123456”.',
        required: true,
      },
      {
        name: 'api_key',
        type: 'secret',
        label: 'API key',
        hint: 'An API key of the project, restricted to the Cloud Translation API. Give this or a service account key.',
      },
      {
        name: 'service_account_key',
        type: 'secret',
        label: 'Service account key (JSON)',
        hint: 'Instead of an API key: paste the whole JSON key file of a service account with the “Cloud Translation API User” role.',
      },
      {
        name: 'languages',
        type: 'textarea',
        label: 'Languages residents may choose',
        hint: 'Language codes separated by commas, like “pl, ro, ur, pa, ar”. Leave blank to offer every language Google Translate supports.',
      },
      ...(addressAllowed ? [ADDRESS_FIELD] : []),
    ],
    validator: vine.create({
      project_id: vine
        .string()
        .trim()
        .regex(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/),
      api_key: vine.string().trim().minLength(20).maxLength(200).optional(),
      service_account_key: vine
        .string()
        .trim()
        .maxLength(10_000)
        .use(serviceAccountKey())
        .optional()
        .requiredIfMissing('api_key'),
      languages: vine.string().trim().maxLength(2000).use(knownCodes()).optional(),
      api_url: vine.string().trim().url({ require_tld: false }).maxLength(500).optional(),
    }),
    messages: {
      'project_id.required': 'Enter the Google Cloud project ID',
      'project_id.regex':
        'Enter the project ID as Google Cloud shows it: 6 to 30 lowercase letters, digits and hyphens',
      'api_key.minLength': 'This API key is too short: copy all of it',
      'service_account_key.required': 'Enter an API key or a service account key',
      'service_account_key.serviceAccountKey':
        'Paste the whole service account key file: it is JSON with “client_email” and “private_key”',
      'languages.knownCodes':
        '{{ codes }} {{ verb }} Google Translate knows. Use codes such as pl, ro, ur or zh-TW, separated by commas.',
      'api_url': 'Enter the address in full, like http://localhost:4000, or leave it blank',
    },
  }
}

const serviceAccountKey = vine.createRule((value, _options, field) => {
  if (typeof value !== 'string') return
  if (!parseServiceAccountKey(value)) {
    field.report('Paste the whole service account key file', 'serviceAccountKey', field)
  }
})

export function parseServiceAccountKey(text: string | undefined) {
  if (!text) return null
  try {
    const key = JSON.parse(text) as { client_email?: unknown; private_key?: unknown }
    return typeof key.client_email === 'string' && typeof key.private_key === 'string'
      ? { client_email: key.client_email, private_key: key.private_key }
      : null
  } catch {
    return null
  }
}

export function translationSettings(
  check: (values: TranslationInstallSettings) => Promise<SettingsCheckResult>,
  checkForOrganisation: (values: TranslationSettings) => Promise<SettingsCheckResult>
) {
  return defineSettings<TranslationSettings>({
    scope: 'organisation',
    organisationsMayEnable: true,
    fields: [
      {
        name: 'unreviewed',
        type: 'select',
        label: 'Machine translations nobody has checked',
        hint: 'Staff can read and correct each translation beside the English in the composer. A translation that goes out unchecked says it was machine translated.',
        options: [
          { value: 'always', label: 'Send them, marked as machine translated' },
          {
            value: 'urgent',
            label: 'Send them only with urgent alerts and emergencies; otherwise send the English',
          },
          { value: 'never', label: 'Never send them: send the English until staff check one' },
        ],
        default: 'always',
      },
    ],
    validator: vine.create({
      unreviewed: vine.enum(['always', 'urgent', 'never'] as const).optional(),
    }),
    messages: { unreviewed: 'Choose what happens to machine translations nobody has checked' },
    install: installForm(check),
    check: checkForOrganisation,
  })
}
