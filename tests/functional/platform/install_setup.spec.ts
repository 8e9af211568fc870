import { mkdtempSync, readFileSync, rmSync, existsSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { isAbsolute, join, relative } from 'node:path'
import { parseEnv } from 'node:util'
import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import redis from '@adonisjs/redis/services/main'
import env from '#start/env'
import { redisKey } from '#services/platform/infrastructure/redis_keys'
import { eventually } from '#tests/helpers/eventually'
import { startBeaconProcess, stopBeaconProcess } from '#tests/helpers/child_process'
import {
  answerFlags,
  scratchInstall,
  startScratchProcess,
  type Scratch,
} from '#tests/helpers/scratch_install'

/*
| `node ace beacon:setup` as an operator runs it, in its own process, writing
| .env into a scratch folder and setting up a scratch database of the kind
| this run tests (a SQLite file, or a PostgreSQL database of its own).
*/

// Beside the test server's port (the built-server test takes PORT + 1), so parallel runs on other ports never meet.
const SCRATCH_PORT = env.get('PORT') + 2

function setupFlags(scratch: Scratch, overrides: Record<string, string> = {}) {
  return [...answerFlags(scratch.folder, SCRATCH_PORT, overrides), ...scratch.flags]
}

async function runSetup(args: string[]) {
  const run = startBeaconProcess(args, {})
  const code = await run.exited
  return { code, output: run.output() }
}

/** The web server of the scratch install, started from its .env alone. */
function startScratchServer(folder: string) {
  // Its own queue namespace, and no worker: it only answers the link.
  return startScratchProcess(folder, ['--import', '@poppinss/ts-exec', 'bin/server.ts'], {
    QUEUE_WORKER: 'off',
    QUEUE_PREFIX: `${env.get('QUEUE_PREFIX')}-setup`,
  })
}

test.group('Setting up an install: node ace beacon:setup', () => {
  test('writes a production .env, creates the organisation and install admin, and prints a link to set a password', async ({
    assert,
    cleanup,
  }) => {
    const scratch = await scratchInstall()
    cleanup(() => scratch.remove())

    const edition = redisKey('public-pages', 'edition')
    const editionBefore = await redis.get(edition)
    const first = await runSetup(setupFlags(scratch))
    assert.equal(first.code, 0, first.output)
    // The install keeps its Redis keys in the namespace setup ran in (here this run's, which it removes at the end).
    assert.notEqual(await redis.get(edition), editionBefore)

    const written = parseEnv(readFileSync(join(scratch.folder, '.env'), 'utf8'))
    assert.equal(written.NODE_ENV, 'production')
    assert.equal(written.DEMO_DATA, 'false')
    assert.match(written.APP_KEY!, /^[A-Za-z0-9_-]{43}$/)
    assert.equal(written.APP_URL, `http://localhost:${SCRATCH_PORT}`)
    assert.notProperty(written, 'SMTP_HOST')
    assert.equal(written.QUEUE_PREFIX, env.get('QUEUE_PREFIX'))
    // Absolute, so that the built server in build/ (which `node ace build` empties) finds them.
    assert.isTrue(isAbsolute(written.BACKUP_DIR!), written.BACKUP_DIR)
    assert.equal(written.STORAGE_DIR, app.makePath('storage'))
    if (written.DB_CONNECTION === 'sqlite') {
      assert.equal(written.SQLITE_FILE, join(scratch.folder, 'beacon.sqlite3'))
      assert.equal(written.BACKUP_DIR, join(scratch.folder, 'backups'))
    }

    const database = scratch.connect()
    cleanup(() => database.destroy())
    const organisations = await database('organisations').select(
      'id',
      'name',
      'slug',
      'type',
      'office_hours_from',
      'office_hours_to',
      'large_audience_warning'
    )
    assert.deepEqual(
      organisations.map(({ id, ...organisation }) => organisation),
      [
        {
          name: 'Kent Police',
          slug: 'kent-police',
          type: 'police',
          // The first organisation asks before sending out of hours or widely, as later ones do.
          office_hours_from: 8,
          office_hours_to: 18,
          large_audience_warning: 1000,
        },
      ]
    )
    const admin = await database('users').where('email', 'ada.admin@kent.example.org').first()
    assert.equal(admin.full_name, 'Ada Admin')
    assert.isTrue(Boolean(admin.is_install_admin))
    assert.isNull(admin.totp_confirmed_at)
    const membership = await database('memberships').where('user_id', admin.id).first()
    assert.equal(membership.organisation_id, organisations[0].id)
    assert.equal(membership.role, 'admin')
    const settings = await database('site_settings').first()
    assert.equal(settings.service_name, 'Kent Community Alert')

    const link = first.output.match(/http:\/\/localhost:\d+\/staff\/reset-password\/[\w-]{43}/)?.[0]
    assert.exists(link, first.output)

    // The link works on the install it was made for: it asks for a first password, not a reset.
    const server = startScratchServer(scratch.folder)
    cleanup(() => stopBeaconProcess(server))
    const page = await eventually(async () => {
      const response = await fetch(link!)
      return { status: response.status, text: await response.text() }
    }, 60_000)
    assert.equal(page.status, 200, server.output())
    assert.include(page.text, 'Set your password')
    assert.include(page.text, 'ada.admin@kent.example.org')
    assert.include(page.text, '<title>Set your password – Kent Community Alert</title>')
    assert.notInclude(page.text, 'Choose a new password')

    // Run again: it sees the install is set up and changes nothing.
    const envBefore = readFileSync(join(scratch.folder, '.env'), 'utf8')
    const second = await runSetup(setupFlags(scratch, { 'organisation-name': 'Another Force' }))
    assert.equal(second.code, 0, second.output)
    assert.include(second.output, 'This install is already set up')
    assert.include(second.output, 'nothing was changed')
    assert.equal(readFileSync(join(scratch.folder, '.env'), 'utf8'), envBefore)
    assert.lengthOf(await database('organisations').select('id'), 1)
    assert.lengthOf(await database('users').select('id'), 1)
    assert.notInclude(second.output, 'move it aside')

    // A configured install that is not a production one (the demo's) is left alone too, with a way out.
    writeFileSync(
      join(scratch.folder, '.env'),
      envBefore.replace('NODE_ENV=production', 'NODE_ENV=development')
    )
    const overDemo = await runSetup(setupFlags(scratch))
    assert.equal(overDemo.code, 0, overDemo.output)
    assert.include(overDemo.output, 'nothing was changed')
    assert.include(overDemo.output, 'move it aside (mv .env .env.demo)')
  }).timeout(180_000)

  test('an exported relative SQLITE_FILE is written as an absolute path, with BACKUP_DIR beside it, so backups work', async ({
    assert,
    cleanup,
  }) => {
    const folder = mkdtempSync(app.makePath('tmp/setup-'))
    cleanup(() => rmSync(folder, { recursive: true, force: true }))
    const relativeFile = relative(app.makePath(), join(folder, 'beacon.sqlite3'))

    const setup = startBeaconProcess([...answerFlags(folder, SCRATCH_PORT), '--database=sqlite'], {
      SQLITE_FILE: relativeFile,
    })
    assert.equal(await setup.exited, 0, setup.output())
    const written = parseEnv(readFileSync(join(folder, '.env'), 'utf8'))
    assert.equal(written.SQLITE_FILE, join(folder, 'beacon.sqlite3'))
    assert.equal(written.BACKUP_DIR, join(folder, 'backups'))

    const backup = startScratchProcess(folder, ['ace', 'db:backup'])
    assert.equal(await backup.exited, 0, backup.output())
    assert.include(backup.output(), `Backup written to ${join(folder, 'backups')}/beacon-`)
  }).timeout(120_000)

  test('answers that are wrong are named in plain English, and nothing is written', async ({
    assert,
    cleanup,
  }) => {
    const folder = mkdtempSync(join(tmpdir(), 'beacon-setup-'))
    cleanup(() => rmSync(folder, { recursive: true, force: true }))
    const run = await runSetup(
      answerFlags(folder, SCRATCH_PORT, {
        'organisation-type': 'constabulary',
        'admin-email': 'ada-at-kent',
        'app-url': 'alerts.kent.example.org',
      })
    )
    assert.equal(run.code, 1)
    assert.include(run.output, 'Nothing was changed')
    assert.include(run.output, 'Choose the type of organisation: one of opcc, police, fire')
    assert.include(run.output, 'Enter the first admin’s email address in the right format')
    assert.include(run.output, 'Enter the public address of the service as a full web address')
    assert.isFalse(existsSync(join(folder, '.env')))
  }).timeout(60_000)

  // Before: the existing .env was replaced, with a new APP_KEY that could not read the install's secrets.
  test('an existing .env whose database cannot be checked is left alone', async ({
    assert,
    cleanup,
  }) => {
    const folder = mkdtempSync(join(tmpdir(), 'beacon-setup-'))
    cleanup(() => rmSync(folder, { recursive: true, force: true }))
    const existing =
      'APP_KEY=the-key-that-encrypts-this-install-secrets\nDB_CONNECTION=pg\nPG_PORT=1\n'
    writeFileSync(join(folder, '.env'), existing)
    const run = await runSetup(answerFlags(folder, SCRATCH_PORT))
    assert.equal(run.code, 1)
    assert.include(run.output, 'Nothing was changed')
    assert.include(run.output, 'its database could not be checked')
    assert.equal(readFileSync(join(folder, '.env'), 'utf8'), existing)
  }).timeout(60_000)

  test('a database that cannot be reached is reported, and nothing is written', async ({
    assert,
    cleanup,
  }) => {
    const folder = mkdtempSync(join(tmpdir(), 'beacon-setup-'))
    cleanup(() => rmSync(folder, { recursive: true, force: true }))
    const run = await runSetup([
      ...answerFlags(folder, SCRATCH_PORT),
      '--database=pg',
      '--pg-host=127.0.0.1',
      '--pg-port=1',
    ])
    assert.equal(run.code, 1)
    assert.include(
      run.output,
      'Nothing answers at 127.0.0.1:1: check that PostgreSQL is running there and the port is right.'
    )
    assert.isFalse(existsSync(join(folder, '.env')))
  }).timeout(60_000)
})
