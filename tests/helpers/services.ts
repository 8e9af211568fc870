import pg from 'pg'
import { Redis } from 'ioredis'
import env from '#start/env'
import { redisPrefix } from '#services/platform/infrastructure/redis_keys'

/** Runs work on the PostgreSQL server's "postgres" database, as the test user: creating and dropping databases. */
export async function withPostgresServer<T>(work: (client: pg.Client) => Promise<T>) {
  const client = new pg.Client({
    host: env.get('PG_HOST', '127.0.0.1'),
    port: env.get('PG_PORT', 5432),
    user: env.get('PG_USER', 'postgres'),
    password: env.get('PG_PASSWORD'),
    database: 'postgres',
  })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

/**
 * Creates the PostgreSQL test database when it is missing, so that a fresh
 * machine needs no manual step.
 */
export async function ensurePostgresDatabase() {
  if (env.get('DB_CONNECTION', 'sqlite') !== 'pg') return
  await withPostgresServer(async (client) => {
    const name = env.get('PG_DB_NAME', 'beacon_test')
    const exists = await client.query('select 1 from pg_database where datname = $1', [name])
    if (exists.rowCount === 0) await client.query(`create database "${name.replaceAll('"', '')}"`)
  })
}

/** Removes this run's queue keys from Redis (or those under another prefix a child process used). */
export async function removeQueueKeys(prefix = redisPrefix()) {
  const redis = new Redis({
    host: env.get('REDIS_HOST'),
    port: env.get('REDIS_PORT'),
    password: env.get('REDIS_PASSWORD'),
  })
  try {
    let cursor = '0'
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500)
      cursor = next
      if (keys.length) await redis.del(...keys)
    } while (cursor !== '0')
  } finally {
    redis.disconnect()
  }
}
