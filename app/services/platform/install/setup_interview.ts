import { dirname, join } from 'node:path'
import type { BaseCommand } from '@adonisjs/core/ace'
import app from '@adonisjs/core/services/app'
import { ORGANISATION_TYPES, type OrganisationType } from '#models/platform/organisation'
import {
  answerChecks,
  type AnswerField,
  type SetupAnswers,
} from '#services/platform/install/setup_answers'

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

interface Question {
  key: Key
  ask: string
  check?: AnswerField
  secret?: boolean
  /** The answer when none is given; a question without one must be answered. */
  byDefault?: (raw: RawAnswers) => string
  /** Asked only when this holds. */
  when?: (raw: RawAnswers) => boolean
}

const usesPostgres = (raw: RawAnswers) => raw.database === 'pg'
const usesSmtp = (raw: RawAnswers) => Boolean(raw.smtpHost)

/** In the order they are asked; the flags of `beacon:setup` have the same names in kebab-case. */
const QUESTIONS: Question[] = [
  {
    key: 'serviceName',
    ask: 'The name of the service residents see (like “Lincs Alert”)',
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

const YES = ['yes', 'y', 'true', '1']
const NO = ['no', 'n', 'false', '0', '']

/**
 * The questions of `node ace beacon:setup`: asked one by one (each answer
 * checked as it is typed), or taken from flags with --no-interaction.
 */
export default class SetupInterview {
  /** Asks what the flags did not answer. */
  static async ask(prompt: BaseCommand['prompt'], given: RawAnswers) {
    const raw: RawAnswers = { ...given }
    for (const question of QUESTIONS) {
      if (raw[question.key] !== undefined || (question.when && !question.when(raw))) continue
      raw[question.key] = await SetupInterview.#askOne(prompt, question, raw)
    }
    return SetupInterview.check(raw)
  }

  static async #askOne(prompt: BaseCommand['prompt'], question: Question, raw: RawAnswers) {
    if (question.key === 'organisationType') {
      return prompt.choice(
        question.ask,
        Object.entries(ORGANISATION_TYPES).map(([name, message]) => ({ name, message }))
      )
    }
    if (question.key === 'database') {
      return prompt.choice(question.ask, [
        { name: 'sqlite', message: 'SQLite: a file on this server (simplest, for most installs)' },
        { name: 'pg', message: 'PostgreSQL: for large installs or several servers' },
      ])
    }
    const check = question.check ? answerChecks[question.check] : null
    const options = {
      default: question.byDefault?.(raw),
      validate: (value: string) => (check ? (check(value) ?? true) : true),
    }
    const answer = question.secret
      ? await prompt.secure(question.ask, options)
      : await prompt.ask(question.ask, options)
    return answer.trim()
  }

  /** Every answer checked; the problems, in plain English, or the answers ready to use. */
  static check(given: RawAnswers): { problems: string[] } | { answers: SetupAnswers } {
    const raw: RawAnswers = { ...given }
    const problems: string[] = []
    for (const question of QUESTIONS) {
      if (question.when && !question.when(raw)) continue
      const value = raw[question.key] ?? question.byDefault?.(raw)
      if (value === undefined) {
        problems.push(`Give --${kebab(question.key)}: ${question.ask.toLowerCase()}`)
        continue
      }
      raw[question.key] = value.trim()
      const problem = question.check ? answerChecks[question.check](value) : null
      if (problem) problems.push(`--${kebab(question.key)}: ${problem}`)
    }
    if (!['sqlite', 'pg'].includes(raw.database!)) {
      problems.push('--database: choose sqlite or pg')
    }
    if (usesSmtp(raw)) {
      if (answerChecks.smtpHost(raw.smtpHost!))
        problems.push(`--smtp-host: ${answerChecks.smtpHost(raw.smtpHost!)}`)
      if (![...YES, ...NO].includes(raw.smtpSecure!.toLowerCase())) {
        problems.push('--smtp-secure: answer yes or no')
      }
    }
    if (problems.length) return { problems }
    return { answers: SetupInterview.#answers(raw as Required<RawAnswers>) }
  }

  static #answers(raw: Required<RawAnswers>): SetupAnswers {
    return {
      serviceName: raw.serviceName,
      organisationName: raw.organisationName,
      organisationType: raw.organisationType as OrganisationType,
      adminName: raw.adminName,
      adminEmail: raw.adminEmail.toLowerCase(),
      appUrl: raw.appUrl,
      host: raw.host,
      port: Number(raw.port),
      database:
        raw.database === 'pg'
          ? {
              connection: 'pg',
              host: raw.pgHost,
              port: Number(raw.pgPort),
              user: raw.pgUser,
              password: raw.pgPassword,
              database: raw.pgDatabase,
            }
          : { connection: 'sqlite', file: app.makePath(raw.sqliteFile) },
      backupDir: app.makePath(raw.backupDir),
      // Not asked: the app folder's storage/ is outside build/ already.
      storageDir: app.makePath(process.env.STORAGE_DIR || 'storage'),
      smtp: raw.smtpHost
        ? {
            host: raw.smtpHost,
            port: Number(raw.smtpPort),
            username: raw.smtpUser,
            password: raw.smtpPassword,
            secure: YES.includes(raw.smtpSecure.toLowerCase()),
          }
        : null,
      mailFromAddress: raw.mailFromAddress,
      mailFromName: raw.mailFromName,
      redisHost: raw.redisHost,
      redisPort: Number(raw.redisPort),
    }
  }
}

function kebab(key: string) {
  return key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)
}
