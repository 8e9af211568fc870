import { existsSync } from 'node:fs'
import { isAbsolute } from 'node:path'
import nodemailer from 'nodemailer'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { MigrationRunner } from '@adonisjs/lucid/migration'
import env from '#start/env'
import { redisAnswers } from '#services/platform/infrastructure/redis_probe'
import { redisPrefix } from '#services/platform/infrastructure/redis_keys'
import { trustedProxyList } from '#services/platform/infrastructure/trusted_proxies'

export interface Finding {
  /** ok: nothing to do; warning: works, but check it is what you want; problem: fix it. */
  status: 'ok' | 'warning' | 'problem'
  message: string
  /** What to change, in plain English; only for a warning or a problem. */
  fix?: string
}

// Keys that have been published (this repository's .env.test) and must never guard a real install.
const PUBLISHED_KEYS = new Set(['test-only-key-never-used-in-production-0123456789'])
const EVERYONE = new Set(['0.0.0.0/0', '::/0'])

/** An example of an absolute place outside the code, for each setting the doctor names. */
const OUTSIDE_THE_CODE: Record<string, string> = {
  SQLITE_FILE: '/var/lib/beacon/beacon.sqlite3',
  BACKUP_DIR: '/var/backups/beacon',
  STORAGE_DIR: '/srv/beacon/storage',
}

const isSqlite = () => env.get('DB_CONNECTION', 'sqlite') === 'sqlite'
const ok = (message: string): Finding => ({ status: 'ok', message })
const warning = (message: string, fix: string): Finding => ({ status: 'warning', message, fix })
const problem = (message: string, fix: string): Finding => ({ status: 'problem', message, fix })

/**
 * The checks behind `node ace beacon:doctor`: is this install configured to
 * run for real, and if not, what should the operator change.
 */
export default class InstallDoctor {
  static async examine(): Promise<Finding[]> {
    const production = env.get('NODE_ENV') === 'production'
    return [
      this.appKey(),
      this.appUrl(production),
      this.nodeEnv(production),
      this.trustedProxies(production),
      ...this.dataOutsideBuild(),
      await this.smtp(),
      await this.redis(),
      ...(await this.database()),
      await this.worker(),
    ]
  }

  static appKey(): Finding {
    const key = env.get('APP_KEY').release()
    if (!key)
      return problem('APP_KEY is not set', 'Run `node ace generate:key` and put the key in .env')
    if (PUBLISHED_KEYS.has(key) || key.length < 32) {
      return problem(
        'APP_KEY is a published or short key',
        'Run `node ace generate:key` and put the new key in .env (everyone will need to sign in again)'
      )
    }
    return ok('APP_KEY is set')
  }

  static appUrl(production: boolean): Finding {
    const url = env.get('APP_URL')
    if (url.startsWith('https://')) return ok(`APP_URL is ${url}`)
    const fix =
      'Serve Beacon over https behind a reverse proxy (docs/deploy.md) and set APP_URL=https://…'
    return production
      ? problem(`APP_URL is ${url}, not https: cookies are not Secure and there is no HSTS`, fix)
      : warning(`APP_URL is ${url}, not https (fine for development)`, fix)
  }

  static nodeEnv(production: boolean): Finding {
    if (production) return ok('NODE_ENV is production')
    return problem(
      `NODE_ENV is ${env.get('NODE_ENV')}: error pages may show stack traces`,
      'Set NODE_ENV=production in .env'
    )
  }

  static trustedProxies(production: boolean): Finding {
    const list = trustedProxyList(env.get('TRUSTED_PROXIES'))
    if (list.some((entry) => EVERYONE.has(entry))) {
      return problem(
        'TRUSTED_PROXIES trusts every address: any visitor can claim any IP and dodge rate limits',
        'List only your reverse proxy in TRUSTED_PROXIES (e.g. 127.0.0.1, or its private address)'
      )
    }
    const message = `X-Forwarded-For is believed only from ${list.join(', ')} (TRUSTED_PROXIES)`
    if (production && !env.get('TRUSTED_PROXIES')) {
      return warning(
        message,
        'If your reverse proxy is on another machine, add its address to TRUSTED_PROXIES'
      )
    }
    return ok(message)
  }

  /**
   * The built server's app folder is build/, which the next `node ace build`
   * deletes: a relative SQLITE_FILE, BACKUP_DIR or STORAGE_DIR would go with it.
   */
  static dataOutsideBuild(): Finding[] {
    if (!existsSync(app.makePath('adonisrc.js'))) return []
    const places = [
      {
        name: 'SQLITE_FILE',
        value: env.get('SQLITE_FILE', 'tmp/beacon.sqlite3'),
        used: isSqlite(),
      },
      { name: 'BACKUP_DIR', value: env.get('BACKUP_DIR', 'storage/backups'), used: true },
      { name: 'STORAGE_DIR', value: env.get('STORAGE_DIR', 'storage'), used: true },
    ]
    return places
      .filter((place) => place.used && !isAbsolute(place.value))
      .map((place) =>
        problem(
          `${place.name} (${place.value}) is inside the build folder, which the next \`node ace build\` deletes`,
          `Set ${place.name} in .env to an absolute path outside the code, e.g. ${OUTSIDE_THE_CODE[place.name]}`
        )
      )
  }

  static async smtp(): Promise<Finding> {
    const host = env.get('SMTP_HOST')
    if (!host) {
      const fix = 'Set SMTP_HOST, SMTP_PORT, SMTP_USERNAME and SMTP_PASSWORD in .env to send email'
      // Noted, not failed: a pilot may mean to read email in the outbox.
      return warning('No SMTP_HOST: email is kept in the Outbox (staff menu), not sent', fix)
    }
    const port = env.get('SMTP_PORT', 587)
    const username = env.get('SMTP_USERNAME')
    const transport = nodemailer.createTransport({
      host,
      port,
      secure: env.get('SMTP_SECURE', false),
      auth: username ? { user: username, pass: env.get('SMTP_PASSWORD') } : undefined,
      connectionTimeout: 5000,
      greetingTimeout: 5000,
    })
    try {
      await transport.verify()
      return ok(`The SMTP server at ${host}:${port} answers`)
    } catch (error) {
      return problem(
        `The SMTP server at ${host}:${port} does not answer: ${(error as Error).message}`,
        'Check SMTP_HOST, SMTP_PORT, SMTP_SECURE and the username and password with your email provider'
      )
    } finally {
      transport.close()
    }
  }

  static async redis(): Promise<Finding> {
    const host = env.get('REDIS_HOST')
    const port = env.get('REDIS_PORT')
    if (await redisAnswers(host, port, env.get('REDIS_PASSWORD'))) {
      return ok(`Redis at ${host}:${port} answers`)
    }
    return problem(
      `Redis at ${host}:${port} does not answer`,
      'Start Redis (`sudo systemctl start redis-server`) or fix REDIS_HOST and REDIS_PORT'
    )
  }

  static async database(): Promise<Finding[]> {
    const name = db.primaryConnectionName
    try {
      await db.rawQuery('select 1')
    } catch (error) {
      return [
        problem(
          `The ${name} database cannot be reached: ${(error as Error).message}`,
          name === 'pg'
            ? 'Check PostgreSQL is running and PG_HOST, PG_PORT, PG_USER, PG_PASSWORD and PG_DB_NAME'
            : 'Check SQLITE_FILE names a file the Beacon user can write'
        ),
      ]
    }
    const runner = new MigrationRunner(db, app, { direction: 'up', connectionName: name })
    const migrations = await runner.getList()
    const pending = migrations.filter((migration) => migration.status === 'pending')
    return [
      ok(`The ${name} database answers`),
      pending.length === 0
        ? ok('Every migration has run')
        : problem(
            `${pending.length} migration(s) have not run (first: ${pending[0].name})`,
            'Run `node ace migration:run --force` (from build/ when you run the built server)'
          ),
    ]
  }

  static async worker(): Promise<Finding> {
    const { default: workerHeartbeat } =
      await import('#services/platform/infrastructure/worker_heartbeat')
    const workers = await workerHeartbeat.alive().catch(() => null)
    if (workers === null) return problem('Cannot ask Redis about workers', 'Fix Redis first')
    if (workers.length > 0) {
      const where = workers.map((beat) => `${beat.host} pid ${beat.pid}`).join(', ')
      return ok(`${workers.length} queue worker(s) running: ${where}`)
    }
    return problem(
      `No queue worker has reported in the last minute (Redis prefix "${redisPrefix()}")`,
      'Start the web process with QUEUE_WORKER=embedded, or run `node ace queue:work` (systemd: see docs/deploy.md)'
    )
  }
}
