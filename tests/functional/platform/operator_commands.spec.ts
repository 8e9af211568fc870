import { execFile } from 'node:child_process'
import { rm } from 'node:fs/promises'
import { promisify } from 'node:util'
import Database from 'better-sqlite3'
import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import env from '#start/env'
import { createOrganisation } from '#tests/helpers/fixtures'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import redis from '@adonisjs/redis/services/main'
import { eventually } from '#tests/helpers/eventually'
import { removeQueueKeys } from '#tests/helpers/services'
import {
  productionTestEnvironment,
  startBeaconProcess,
  stopBeaconProcess,
} from '#tests/helpers/child_process'

const run = promisify(execFile)

async function ace(args: string[], environment: Record<string, string> = {}) {
  const command = startBeaconProcess(['ace', ...args], environment)
  const code = await command.exited
  return { code, output: command.output() }
}

test.group('node ace beacon:doctor', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('passes an install that is ready: every line ticked', async ({ assert, cleanup }) => {
    // A worker of its own, as `node ace queue:work` runs beside a production web process: the
    // doctor reads its heartbeat (the test process's own may have been cleared by earlier tests).
    const prefix = `${env.get('QUEUE_PREFIX', 'beacon-test')}-doctor-${process.pid}`
    cleanup(() => removeQueueKeys(prefix))
    const worker = startBeaconProcess(['ace', 'queue:work'], { QUEUE_PREFIX: prefix })
    cleanup(() => stopBeaconProcess(worker))
    await eventually(async () => {
      assert.isNotEmpty(await redis.keys(`${prefix}:worker-heartbeat:*`), worker.output())
    }, 30_000)

    const { code, output } = await ace(
      ['beacon:doctor'],
      productionTestEnvironment({ TRUSTED_PROXIES: '127.0.0.1', QUEUE_PREFIX: prefix })
    )
    assert.equal(code, 0, output)
    assert.notInclude(output, '✖')
    for (const line of [
      '✔ APP_KEY is set',
      '✔ APP_URL is https://alerts.example.test',
      '✔ NODE_ENV is production',
      `✔ The SMTP server at ${env.get('SMTP_HOST')}:${env.get('SMTP_PORT')} answers`,
      '✔ Redis at',
      '✔ Every migration has run',
      'queue worker(s) running',
      'This install is ready.',
    ]) {
      assert.include(output, line)
    }
  }).timeout(60_000)

  test('names what is wrong and how to fix it, and exits non-zero', async ({ assert }) => {
    const { code, output } = await ace(
      ['beacon:doctor'],
      productionTestEnvironment({
        SMTP_PORT: '1',
        APP_URL: 'http://alerts.example.test',
        QUEUE_PREFIX: `nobody-works-here-${process.pid}`,
      })
    )
    assert.equal(code, 1)
    assert.include(output, '✖ The SMTP server at 127.0.0.1:1 does not answer')
    assert.include(output, 'Fix: Check SMTP_HOST, SMTP_PORT')
    assert.include(output, '✖ APP_URL is http://alerts.example.test, not https')
    assert.include(output, '✖ No queue worker has reported in the last minute')
    assert.include(output, '✔ Redis at')
    assert.include(output, 'thing(s) to fix')
  }).timeout(60_000)
})

test.group('node ace db:backup', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('backs up the configured database to a file that restores', async ({ assert, cleanup }) => {
    await createOrganisation('Dorset Police')
    const folder = app.makePath(`tmp/backup-test-${process.pid}`)
    cleanup(() => rm(folder, { recursive: true, force: true }))

    const { code, output } = await ace(['db:backup', '--to', `${folder}/`])
    assert.equal(code, 0, output)
    const file = output.match(/Backup written to (\S+)/)?.[1]
    assert.exists(file, output)
    assert.include(file!, folder)
    assert.include(output, 'To restore it:')

    if (env.get('DB_CONNECTION', 'sqlite') === 'pg') {
      assert.match(file!, /beacon-.*\.dump$/)
      assert.include(output, 'pg_restore --clean --if-exists --no-owner')
      // The organisations table, restored to SQL text: the row is in the dump.
      const { stdout } = await run('pg_restore', [
        '--data-only',
        '--table=organisations',
        '--file=-',
        file!,
      ])
      assert.include(stdout, 'Dorset Police')
    } else {
      assert.match(file!, /beacon-.*\.sqlite3$/)
      const restored = new Database(file!, { readonly: true })
      cleanup(() => {
        restored.close()
      })
      const rows = restored.prepare('select name from organisations').all() as { name: string }[]
      assert.deepEqual(
        rows.map((row) => row.name),
        ['Dorset Police']
      )
    }
  }).timeout(60_000)

  test('a backup that cannot be made says why and exits non-zero', async ({ assert }) => {
    // A folder inside a file cannot be made.
    const { code, output } = await ace(['db:backup', '--to', 'package.json/backup'])
    assert.equal(code, 1)
    assert.include(output, 'The backup failed')
    assert.include(output, 'a folder Beacon can write to')
  }).timeout(60_000)
})
