import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { writeFile, rename } from 'node:fs/promises'
import { parseEnv } from 'node:util'
import type { SetupAnswers } from '#services/platform/install/setup_answers'

/**
 * The .env a production install runs with, written by `node ace beacon:setup`.
 */

/** As bin/setup.js makes one: 32 random bytes. */
export function newAppKey() {
  return randomBytes(32).toString('base64url')
}

/**
 * A value as .env needs it: "$" would otherwise name another variable, and
 * spaces, "#" and quotes need quoting (single quotes keep the rest literal).
 */
function envValue(value: string | number | boolean) {
  const escaped = String(value).replaceAll('$', '\\$')
  if (/^[A-Za-z0-9_./:@+,\\$-]*$/.test(escaped)) return escaped
  return escaped.includes("'") ? `"${escaped}"` : `'${escaped}'`
}

/**
 * queuePrefix: the Redis namespace setup itself runs in (QUEUE_PREFIX), so
 * that the install's own processes, from the first one that creates its
 * organisation on, keep their keys where setup was told to: a second install
 * on the same Redis stays apart, and so does a test run's scratch install.
 */
export function envFileContents(answers: SetupAnswers, appKey: string, queuePrefix: string) {
  const lines: (string | null)[] = [
    `# Written by "node ace beacon:setup" on ${new Date().toISOString().slice(0, 10)}. Every setting is described in .env.example.`,
    'TZ=UTC',
    'NODE_ENV=production',
    '# Keep it secret: it signs sessions and encrypts stored secrets. Changing it signs everybody out.',
    `APP_KEY=${appKey}`,
    `APP_URL=${envValue(answers.appUrl.replace(/\/$/, ''))}`,
    `HOST=${envValue(answers.host)}`,
    `PORT=${answers.port}`,
    'LOG_LEVEL=info',
    'SESSION_DRIVER=cookie',
    'DEMO_DATA=false',
    '',
    `DB_CONNECTION=${answers.database.connection}`,
    ...(answers.database.connection === 'sqlite'
      ? [`SQLITE_FILE=${envValue(answers.database.file)}`]
      : [
          `PG_HOST=${envValue(answers.database.host)}`,
          `PG_PORT=${answers.database.port}`,
          `PG_USER=${envValue(answers.database.user)}`,
          `PG_PASSWORD=${envValue(answers.database.password)}`,
          `PG_DB_NAME=${envValue(answers.database.database)}`,
        ]),
    `BACKUP_DIR=${envValue(answers.backupDir)}`,
    `STORAGE_DIR=${envValue(answers.storageDir)}`,
    '',
    `REDIS_HOST=${envValue(answers.redisHost)}`,
    `REDIS_PORT=${answers.redisPort}`,
    '# Its own namespace in Redis: another install on the same Redis needs another.',
    `QUEUE_PREFIX=${envValue(queuePrefix)}`,
    'QUEUE_WORKER=embedded',
    '',
    answers.smtp
      ? null
      : '# No SMTP server yet: email waits in the Outbox (staff menu) until SMTP_HOST is set.',
    ...(answers.smtp
      ? [
          `SMTP_HOST=${envValue(answers.smtp.host)}`,
          `SMTP_PORT=${answers.smtp.port}`,
          answers.smtp.username ? `SMTP_USERNAME=${envValue(answers.smtp.username)}` : null,
          answers.smtp.password ? `SMTP_PASSWORD=${envValue(answers.smtp.password)}` : null,
          `SMTP_SECURE=${answers.smtp.secure}`,
        ]
      : []),
    `MAIL_FROM_ADDRESS=${envValue(answers.mailFromAddress)}`,
    `MAIL_FROM_NAME=${envValue(answers.mailFromName)}`,
  ]
  return lines.filter((line) => line !== null).join('\n') + '\n'
}

/** The variables of an existing .env, or null when there is none. */
export function readEnvFile(path: string): Record<string, string> | null {
  if (!existsSync(path)) return null
  return parseEnv(readFileSync(path, 'utf8')) as Record<string, string>
}

/** Written whole or not at all, readable by its owner only (it holds secrets). */
export async function writeEnvFile(path: string, contents: string) {
  const partial = `${path}.partial`
  await writeFile(partial, contents, { mode: 0o600 })
  await rename(partial, path)
}
