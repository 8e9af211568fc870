/*
| Environment variables, validated at boot. A missing or invalid variable
| stops the process with a message naming it.
*/
import { Env } from '@adonisjs/core/env'
import { trustedProxiesProblem } from '#services/platform/infrastructure/trusted_proxies'
import { dkimSettings } from '#services/platform/infrastructure/dkim_settings'

/** An optional whole number within bounds, or a message naming the setting and what it wants. */
function wholeNumberIn(name: string, value: string | undefined, min: number, max: number) {
  if (value === undefined || value.trim() === '') return undefined
  const number = Number(value)
  if (!Number.isInteger(number) || number < min || number > max) {
    throw new Error(
      `Invalid value for "${name}": "${value}" must be a whole number from ${min} to ${max}`
    )
  }
  return number
}

const env = await Env.create(new URL('../', import.meta.url), {
  NODE_ENV: Env.schema.enum(['development', 'production', 'test'] as const),
  PORT: Env.schema.number(),
  APP_KEY: Env.schema.secret(),
  APP_URL: Env.schema.string({ format: 'url', tld: false }),
  HOST: Env.schema.string({ format: 'host' }),
  LOG_LEVEL: Env.schema.enum([
    'fatal',
    'error',
    'warn',
    'info',
    'debug',
    'trace',
    'silent',
  ] as const),
  SESSION_DRIVER: Env.schema.enum(['cookie', 'memory', 'database'] as const),

  /*
  | Database: the embedded default is a SQLite file; larger installs point
  | DB_CONNECTION=pg at PostgreSQL.
  */
  DB_CONNECTION: Env.schema.enum.optional(['sqlite', 'pg'] as const),
  SQLITE_FILE: Env.schema.string.optional(),
  PG_HOST: Env.schema.string.optional({ format: 'host' }),
  PG_PORT: Env.schema.number.optional(),
  PG_USER: Env.schema.string.optional(),
  PG_PASSWORD: Env.schema.string.optional(),
  PG_DB_NAME: Env.schema.string.optional(),
  PG_APPLICATION_NAME: Env.schema.string.optional(),

  /*
  | Redis carries the queue. It is required.
  */
  REDIS_HOST: Env.schema.string({ format: 'host' }),
  REDIS_PORT: Env.schema.number(),
  REDIS_PASSWORD: Env.schema.string.optional(),
  QUEUE_PREFIX: Env.schema.string.optional(),

  /*
  | "embedded" runs the queue worker inside the web process; "off" leaves
  | the work to separate `node ace queue:work` processes.
  */
  QUEUE_WORKER: Env.schema.enum.optional(['embedded', 'off'] as const),

  /*
  | How many web processes serve the port (Node's cluster; bin/web_processes.ts
  | reads it before Beacon boots). The embedded queue worker runs in one of them.
  */
  WEB_PROCESSES: Env.schema.number.optional(),

  /*
  | Email. Without SMTP_HOST, email goes to the local outbox that an admin
  | reads in the browser.
  */
  SMTP_HOST: Env.schema.string.optional({ format: 'host' }),
  SMTP_PORT: Env.schema.number.optional(),
  SMTP_USERNAME: Env.schema.string.optional(),
  SMTP_PASSWORD: Env.schema.string.optional(),
  SMTP_SECURE: Env.schema.boolean.optional(),
  MAIL_FROM_ADDRESS: Env.schema.string.optional({ format: 'email' }),
  MAIL_FROM_NAME: Env.schema.string.optional(),
  // The most emails a second across every worker (your provider's limit); unset for none.
  EMAIL_RATE_PER_SECOND: Env.schema.number.optional(),

  /*
  | The SMTP send path (docs/deploy.md, "Choosing the SMTP pool and rate"): connections
  | each worker keeps open to the relay, and the most emails a second across every
  | worker (unset for none; EMAIL_RATE_PER_SECOND is the older name of the same cap).
  */
  SMTP_POOL_CONNECTIONS: (name: string, value?: string) => wholeNumberIn(name, value, 1, 500),
  SMTP_MAX_PER_SECOND: (name: string, value?: string) => wholeNumberIn(name, value, 1, 1_000_000),

  /*
  | DKIM signing of every email sent by SMTP (docs/deploy.md, "DKIM, SPF and DMARC"):
  | the signing domain, the selector its public key is published under, and the RSA
  | private key as PEM (in the variable, "\n" for line breaks, or in a file). All or none.
  */
  DKIM_DOMAIN: Env.schema.string.optional(),
  DKIM_SELECTOR: Env.schema.string.optional(),
  DKIM_PRIVATE_KEY: Env.schema.string.optional(),
  DKIM_PRIVATE_KEY_FILE: Env.schema.string.optional(),
  // Ranges of the register a dispatch writes at once on PostgreSQL (default 2).
  DISPATCH_LANES: (name: string, value?: string) => wholeNumberIn(name, value, 1, 32),

  /*
  | Demo data (Lincolnshire areas, an organisation and a first admin) is
  | loaded on the first start unless this is false.
  */
  DEMO_DATA: Env.schema.boolean.optional(),
  // Sign-ups never confirmed are deleted after this many days (default 30).
  UNCONFIRMED_PURGE_DAYS: Env.schema.number.optional(),
  // Residents' replies to alerts are deleted this many days after a thread's last message (default 365).
  REPLY_RETENTION_DAYS: (name: string, value?: string) => wholeNumberIn(name, value, 1, 3650),
  // Replies by email (docs/deploy.md): the reply address alert emails carry, and the secret the mail
  // relay signs inbound messages with. Without both, alert emails have no Reply-To.
  REPLY_EMAIL_ADDRESS: Env.schema.string.optional({ format: 'email' }),
  INBOUND_EMAIL_SECRET: Env.schema.string.optional(),

  /*
  | How many times one address may send a public form (sign-up, sign-in
  | link) in 10 minutes. Every test comes from 127.0.0.1, hence a high value there.
  */
  RATE_LIMIT_PUBLIC_FORMS: Env.schema.number.optional(),
  RATE_LIMIT_RESIDENT_REPORTS: Env.schema.number.optional(),
  // Alert codes one address may check at /verify in 10 minutes (default 30).
  RATE_LIMIT_VERIFICATION_LOOKUPS: Env.schema.number.optional(),

  /*
  | Failed staff sign-ins (wrong password or code) allowed in a window of
  | minutes: for one account from any address (default 20: its holder is then
  | emailed), and from one address for any account (default 50). Defaults 15 minutes.
  */
  STAFF_SIGN_IN_FAILURES_PER_ACCOUNT: Env.schema.number.optional(),
  STAFF_SIGN_IN_FAILURES_PER_ADDRESS: Env.schema.number.optional(),
  STAFF_SIGN_IN_FAILURE_WINDOW_MINUTES: Env.schema.number.optional(),

  // Staff are signed out after this many minutes without a request (default 30).
  STAFF_IDLE_MINUTES: Env.schema.number.optional(),

  // A send pauses itself when more than this share (0–1) of its deliveries fail.
  PAUSE_ERROR_RATE: Env.schema.number.optional(),

  /*
  | The audience index (counts from Redis bitmaps): the largest register a count may
  | build it for on the spot, and how many waiting changes call for a rebuild.
  */
  AUDIENCE_INDEX_BUILD_ON_REQUEST_UP_TO: Env.schema.number.optional(),
  AUDIENCE_INDEX_CHANGES_BEFORE_REBUILD: Env.schema.number.optional(),

  /*
  | The delivery sweeper's timings (seconds); the defaults suit production.
  */
  DELIVERY_SWEEP_SECONDS: Env.schema.number.optional(),
  DELIVERY_STALE_CLAIM_SECONDS: Env.schema.number.optional(),
  DELIVERY_IDLE_PENDING_SECONDS: Env.schema.number.optional(),
  DELIVERY_IDLE_DISPATCH_SECONDS: Env.schema.number.optional(),
  DELIVERY_RETRY_BASE_SECONDS: Env.schema.number.optional(),

  /*
  | The reverse proxies whose X-Forwarded-For is believed (IPs or CIDRs, comma
  | separated; default loopback), so rate limits count real clients.
  */
  // Where `node ace db:backup` writes when not told (default storage/backups in the app folder).
  BACKUP_DIR: Env.schema.string.optional(),
  // Where uploaded files (organisations' logos) are kept (default storage in the app folder).
  STORAGE_DIR: Env.schema.string.optional(),

  TRUSTED_PROXIES: (name: string, value?: string) => {
    const problem = trustedProxiesProblem(value)
    if (problem) throw new Error(`Invalid value for "${name}": ${problem}`)
    return value
  },
})

// The DKIM settings go together: checked at boot, so a half-configured install does not start.
const dkim = dkimSettings({
  DKIM_DOMAIN: env.get('DKIM_DOMAIN'),
  DKIM_SELECTOR: env.get('DKIM_SELECTOR'),
  DKIM_PRIVATE_KEY: env.get('DKIM_PRIVATE_KEY'),
  DKIM_PRIVATE_KEY_FILE: env.get('DKIM_PRIVATE_KEY_FILE'),
})
if (dkim.problem) throw new Error(`Invalid DKIM settings: ${dkim.problem}`)

export default env
