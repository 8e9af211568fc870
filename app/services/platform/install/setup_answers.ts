import { ORGANISATION_TYPES, type OrganisationType } from '#models/platform/organisation'

/**
 * What `node ace beacon:setup` asks, and how each answer is checked. The
 * checks answer in plain English, or null when the answer is fine; the
 * interactive prompts and the flags for scripts share them.
 */

export interface SqliteDatabase {
  connection: 'sqlite'
  /** An absolute path: `node ace build` empties build/, so a relative one would be lost with it. */
  file: string
}

export interface PostgresDatabase {
  connection: 'pg'
  host: string
  port: number
  user: string
  password: string
  database: string
}

export interface SmtpSettings {
  host: string
  port: number
  username: string
  password: string
  secure: boolean
}

export interface SetupAnswers {
  serviceName: string
  organisationName: string
  organisationType: OrganisationType
  adminName: string
  adminEmail: string
  appUrl: string
  host: string
  port: number
  database: SqliteDatabase | PostgresDatabase
  /** Where `node ace db:backup` writes, as an absolute path (outside build/, like the database). */
  backupDir: string
  /** Where uploaded files (logos) are kept, as an absolute path outside build/. */
  storageDir: string
  /** Null: email waits in the outbox (staff menu) until SMTP is set. */
  smtp: SmtpSettings | null
  mailFromAddress: string
  mailFromName: string
  redisHost: string
  redisPort: number
}

type Check = (value: string) => string | null

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const HOST_NAME = /^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$|^\[?[0-9a-fA-F:]+\]?$/

function text(label: string, min: number, max: number): Check {
  return (value) => {
    const trimmed = value.trim()
    if (!trimmed) return `Enter ${label}`
    if (trimmed.length < min) return `${upperFirst(label)} must be at least ${min} characters`
    if (trimmed.length > max) return `${upperFirst(label)} must be ${max} characters or fewer`
    if (/[\r\n]/.test(trimmed)) return `${upperFirst(label)} must be on one line`
    return null
  }
}

function upperFirst(value: string) {
  return value.charAt(0).toUpperCase() + value.slice(1)
}

function port(label: string): Check {
  return (value) => {
    const number = Number(value)
    return Number.isInteger(number) && number >= 1 && number <= 65535
      ? null
      : `Enter ${label} as a whole number from 1 to 65535, like 587`
  }
}

function hostName(label: string): Check {
  return (value) =>
    HOST_NAME.test(value.trim())
      ? null
      : `Enter ${label} as a host name or IP address, like mail.example.org or 127.0.0.1`
}

export const answerChecks = {
  serviceName: text('the name of the service, like “Northshire Community Alert”,', 2, 80),
  organisationName: text('the name of the first organisation', 2, 150),
  organisationType: (value: string) =>
    value in ORGANISATION_TYPES
      ? null
      : `Choose the type of organisation: one of ${Object.keys(ORGANISATION_TYPES).join(', ')}`,
  adminName: text('the first admin’s full name', 1, 150),
  adminEmail: (value: string) =>
    EMAIL.test(value.trim()) && value.trim().length <= 254
      ? null
      : 'Enter the first admin’s email address in the right format, like name@example.org',
  appUrl: (value: string) => {
    let url: URL
    try {
      url = new URL(value.trim())
    } catch {
      return 'Enter the public address of the service as a full web address, like https://alerts.example.org'
    }
    if (!['http:', 'https:'].includes(url.protocol)) {
      return 'The public address must start with https:// (or http:// for a test install)'
    }
    if (url.pathname !== '/' || url.search || url.hash) {
      return 'The public address must be the site’s own address, without a path, like https://alerts.example.org'
    }
    return null
  },
  host: hostName('the address the web server listens on'),
  port: port('the port the web server listens on'),
  sqliteFile: (value: string) =>
    value.trim() && !/[\r\n]/.test(value)
      ? null
      : 'Enter the path of the SQLite database file, like storage/beacon.sqlite3',
  backupDir: (value: string) =>
    value.trim() && !/[\r\n]/.test(value)
      ? null
      : 'Enter the folder for database backups, like /var/backups/beacon',
  pgHost: hostName('the PostgreSQL host'),
  pgPort: port('the PostgreSQL port'),
  pgUser: text('the PostgreSQL user name', 1, 63),
  pgDatabase: (value: string) =>
    /^[A-Za-z_][A-Za-z0-9_$-]{0,62}$/.test(value.trim())
      ? null
      : 'Enter the PostgreSQL database name: letters, digits and underscores, like beacon',
  smtpHost: hostName('the SMTP host'),
  smtpPort: port('the SMTP port'),
  mailFromAddress: (value: string) =>
    EMAIL.test(value.trim())
      ? null
      : 'Enter the address emails come from in the right format, like alerts@example.org',
  mailFromName: text('the name emails come from', 1, 100),
  redisHost: hostName('the Redis host'),
  redisPort: port('the Redis port'),
  secret: (value: string) =>
    /[\r\n]/.test(value) || (value.includes('"') && value.includes("'"))
      ? 'A password cannot contain a line break, or both kinds of quote mark'
      : null,
} satisfies Record<string, Check>

export type AnswerField = keyof typeof answerChecks

/** Every problem with the answers given, in the order they were asked. */
export function problemsWith(values: [AnswerField, string][]) {
  return values
    .map(([field, value]) => answerChecks[field](value))
    .filter((problem): problem is string => problem !== null)
}
