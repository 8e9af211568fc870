import vine from '@vinejs/vine'
import { defineSettings, type SettingsCheckResult, type SettingsField } from '#contracts/settings'

/** Where each field of the register's CSV export is, by column heading. */
export const CSV_COLUMNS = {
  scheme_id: 'Scheme ID',
  scheme_name: 'Scheme name',
  area_code: 'Area code',
  scheme_postcode: 'Scheme postcode',
  coordinator_name: 'Coordinator name',
  coordinator_email: 'Coordinator email',
  member_id: 'Member ID',
  member_name: 'Member name',
  member_email: 'Member email',
  member_postcode: 'Member postcode',
  consent: 'Consent to alerts',
} as const
export type CsvField = keyof typeof CSV_COLUMNS

export type NeighbourhoodWatchSettings = {
  register_url?: string
  token?: string
  timeout_seconds?: number
} & { [Field in CsvField as `csv_${Field}`]?: string }

export const DEFAULT_TIMEOUT_SECONDS = 30

/** The column headings to read, the saved ones over the defaults. */
export function csvColumns(values: NeighbourhoodWatchSettings): Record<CsvField, string> {
  return Object.fromEntries(
    Object.entries(CSV_COLUMNS).map(([field, heading]) => [
      field,
      values[`csv_${field as CsvField}`]?.trim() || heading,
    ])
  ) as Record<CsvField, string>
}

const columnFields: SettingsField[] = Object.entries(CSV_COLUMNS).map(([field, heading]) => ({
  name: `csv_${field}`,
  type: 'text',
  label: `CSV column: ${heading.toLowerCase()}`,
  hint: `The heading of the export’s column. Leave blank for “${heading}”.`,
}))

const column = () => vine.string().trim().maxLength(100).optional()

/**
 * Per organisation: the register's address and token, and how its CSV export
 * names its columns. In production the address must use https, so that the
 * token never travels in clear.
 */
export function neighbourhoodWatchSettings(
  check: (values: NeighbourhoodWatchSettings) => Promise<SettingsCheckResult>,
  production = process.env.NODE_ENV === 'production'
) {
  return defineSettings<NeighbourhoodWatchSettings>({
    scope: 'organisation',
    organisationsMayEnable: true,
    fields: [
      {
        name: 'register_url',
        type: 'url',
        label: 'Register address',
        hint: 'The address of the register’s schemes feed, given with your token. Leave blank to import CSV exports only.',
      },
      {
        name: 'token',
        type: 'secret',
        label: 'Register token',
        hint: 'The access token the register gave your organisation.',
      },
      {
        name: 'timeout_seconds',
        type: 'number',
        label: 'Seconds to wait for the register',
        hint: `How long one page of the register may take before the sync stops (default ${DEFAULT_TIMEOUT_SECONDS}).`,
      },
      ...columnFields,
    ],
    validator: vine.create({
      register_url: vine
        .string()
        .trim()
        .url({ require_tld: production, protocols: production ? ['https'] : ['http', 'https'] })
        .maxLength(500)
        .optional(),
      token: vine.string().trim().maxLength(500).optional(),
      timeout_seconds: vine.number().min(1).max(300).optional(),
      ...Object.fromEntries(Object.keys(CSV_COLUMNS).map((field) => [`csv_${field}`, column()])),
    }),
    messages: {
      'register_url.url': production
        ? 'Enter the register’s address as a full web address starting https://'
        : 'Enter the register’s address as a full web address, like https://register.example.org/api',
      'timeout_seconds.min': 'Enter a number of seconds from 1 to 300',
      'timeout_seconds.max': 'Enter a number of seconds from 1 to 300',
      'timeout_seconds.number': 'Enter a number of seconds from 1 to 300',
    },
    check,
  })
}
