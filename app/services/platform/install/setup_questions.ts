import { dirname, join } from 'node:path'
import app from '@adonisjs/core/services/app'
import type { AnswerField } from '#services/platform/install/setup_answers'

/** The answers as typed (or given as flags), before they are checked. */
export interface RawAnswers {
  serviceName?: string
  organisationName?: string
  organisationType?: string
  adminName?: string
  adminEmail?: string
  appUrl?: string
  host?: string
  port?: string
  database?: string
  sqliteFile?: string
  backupDir?: string
  pgHost?: string
  pgPort?: string
  pgUser?: string
  pgPassword?: string
  pgDatabase?: string
  smtpHost?: string
  smtpPort?: string
  smtpUser?: string
  smtpPassword?: string
  smtpSecure?: string
  mailFromAddress?: string
  mailFromName?: string
  redisHost?: string
  redisPort?: string
}

type Key = keyof RawAnswers

export interface Question {
  key: Key
  ask: string
  check?: AnswerField
  secret?: boolean
  /** The answer when none is given; a question without one must be answered. */
  byDefault?: (raw: RawAnswers) => string
  /** Asked only when this holds. */
  when?: (raw: RawAnswers) => boolean
}

export const usesPostgres = (raw: RawAnswers) => raw.database === 'pg'
export const usesSmtp = (raw: RawAnswers) => Boolean(raw.smtpHost)

/** In the order they are asked; the flags of `beacon:setup` have the same names in kebab-case. */
export const QUESTIONS: Question[] = [
  {
    key: 'serviceName',
    ask: 'The name of the service residents see (like “Northshire Community Alert”)',
    check: 'serviceName',
  },
  { key: 'organisationName', ask: 'The first organisation’s name', check: 'organisationName' },
  { key: 'organisationType', ask: 'Its type', check: 'organisationType' },
  { key: 'adminName', ask: 'The first admin’s full name', check: 'adminName' },
  { key: 'adminEmail', ask: 'The first admin’s email address', check: 'adminEmail' },
  {
    key: 'appUrl',
    ask: 'The public address of the service (like https://alerts.example.org)',
    check: 'appUrl',
  },
  {
    key: 'host',
    ask: 'The address the web server listens on',
    check: 'host',
    byDefault: () => '127.0.0.1',
  },
  {
    key: 'port',
    ask: 'The port the web server listens on',
    check: 'port',
    byDefault: () => '3333',
  },
  { key: 'database', ask: 'The database', byDefault: () => 'sqlite' },
  {
    key: 'sqliteFile',
    ask: 'The SQLite database file (relative to this folder, or a full path)',
    check: 'sqliteFile',
    byDefault: () => process.env.SQLITE_FILE || 'storage/beacon.sqlite3',
    when: (raw) => !usesPostgres(raw),
  },
  {
    key: 'pgHost',
    ask: 'PostgreSQL host',
    check: 'pgHost',
    byDefault: () => '127.0.0.1',
    when: usesPostgres,
  },
  {
    key: 'pgPort',
    ask: 'PostgreSQL port',
    check: 'pgPort',
    byDefault: () => '5432',
    when: usesPostgres,
  },
  {
    key: 'pgUser',
    ask: 'PostgreSQL user',
    check: 'pgUser',
    byDefault: () => 'beacon',
    when: usesPostgres,
  },
  {
    key: 'pgPassword',
    ask: 'PostgreSQL password',
    check: 'secret',
    secret: true,
    byDefault: () => '',
    when: usesPostgres,
  },
  {
    key: 'pgDatabase',
    ask: 'PostgreSQL database',
    check: 'pgDatabase',
    byDefault: () => 'beacon',
    when: usesPostgres,
  },
  {
    key: 'backupDir',
    ask: 'The folder for database backups (node ace db:backup)',
    check: 'backupDir',
    byDefault: (raw) =>
      process.env.BACKUP_DIR ||
      (usesPostgres(raw)
        ? 'storage/backups'
        : join(dirname(app.makePath(raw.sqliteFile ?? '')), 'backups')),
  },
  {
    key: 'smtpHost',
    ask: 'SMTP host (leave empty to keep email in the Outbox until you have one)',
    byDefault: () => '',
  },
  { key: 'smtpPort', ask: 'SMTP port', check: 'smtpPort', byDefault: () => '587', when: usesSmtp },
  { key: 'smtpUser', ask: 'SMTP user name', byDefault: () => '', when: usesSmtp },
  {
    key: 'smtpPassword',
    ask: 'SMTP password',
    check: 'secret',
    secret: true,
    byDefault: () => '',
    when: usesSmtp,
  },
  {
    key: 'smtpSecure',
    ask: 'Does the SMTP server use TLS from the start (port 465)? yes or no',
    byDefault: (raw) => (raw.smtpPort === '465' ? 'yes' : 'no'),
    when: usesSmtp,
  },
  {
    key: 'mailFromAddress',
    ask: 'The address emails come from',
    check: 'mailFromAddress',
    byDefault: (raw) => `alerts@${mailDomainOf(raw.appUrl)}`,
  },
  {
    key: 'mailFromName',
    ask: 'The name emails come from',
    check: 'mailFromName',
    byDefault: (raw) => raw.serviceName ?? '',
  },
  { key: 'redisHost', ask: 'Redis host', check: 'redisHost', byDefault: () => '127.0.0.1' },
  { key: 'redisPort', ask: 'Redis port', check: 'redisPort', byDefault: () => '6379' },
]

/** The public address's host, as a mail domain (a bare name like "localhost" gets ".localdomain"). */
function mailDomainOf(url: string | undefined) {
  let host = 'localhost'
  try {
    host = new URL(url ?? '').hostname || host
  } catch {}
  return host.includes('.') ? host : `${host}.localdomain`
}
