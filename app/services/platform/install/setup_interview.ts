import type { BaseCommand } from '@adonisjs/core/ace'
import app from '@adonisjs/core/services/app'
import { ORGANISATION_TYPES, type OrganisationType } from '#models/platform/organisation'
import { answerChecks, type SetupAnswers } from '#services/platform/install/setup_answers'
import {
  QUESTIONS,
  usesSmtp,
  type Question,
  type RawAnswers,
} from '#services/platform/install/setup_questions'

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
