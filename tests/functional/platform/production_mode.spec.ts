import { randomInt } from 'node:crypto'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import config from '@adonisjs/core/services/config'
import env from '#start/env'
import PluginState from '#models/platform/plugin_state'
import { BrowserLikeSession } from '#tests/helpers/http'
import { eventually } from '#tests/helpers/eventually'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import { removeQueueKeys } from '#tests/helpers/services'
import {
  productionTestEnvironment,
  startBeaconProcess,
  stopBeaconProcess,
} from '#tests/helpers/child_process'

const BUILD_DIR = app.makePath('tmp/built-server-test')
// Inside tmp/, so the built server finds the repository's node_modules by walking up.
// The assembler reads --tsconfig relative to the app root.
const BUILD_TSCONFIG = 'tmp/tsconfig.built-server-test.json'
const BUILT_PORT = env.get('PORT') + 1
const BUILT_URL = `http://localhost:${BUILT_PORT}`
const TRUSTED_PROXY = '192.0.2.10'

/** A plugin the test drops into the build: its one route fails, as a bug in production would. */
const FAILING_PLUGIN = `export default {
  id: 'always-fails',
  name: 'Always fails',
  description: 'A route that throws, for the production error page test',
  version: '1.0.0',
  register({ routes }) {
    routes((router) => router.get('/', () => {
      throw new Error('secret detail of a failure at /srv/beacon/app/services/thing.ts')
    }))
  },
}
`

/** Compiles Beacon with `node ace build` into BUILD_DIR, as an operator's build/ would be. */
async function buildServer() {
  await mkdir(app.makePath('tmp'), { recursive: true })
  await writeFile(
    app.makePath(BUILD_TSCONFIG),
    JSON.stringify({
      extends: '../tsconfig.json',
      compilerOptions: { outDir: './built-server-test' },
      // .adonisjs holds the generated types the application's own tsconfig takes in.
      include: ['../**/*', '../.adonisjs/**/*'],
      exclude: ['../node_modules', '../build', '../tmp'],
    })
  )
  const build = startBeaconProcess(['ace', 'build', '--tsconfig', BUILD_TSCONFIG], {})
  if ((await build.exited) !== 0) throw new Error(`node ace build failed:\n${build.output()}`)
}

function randomAddress() {
  return `198.51.100.${randomInt(1, 255)}`
}

test.group('The built server in production', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('registers every plugin, hides errors behind a reference, and keeps cookies to https', async ({
    assert,
    cleanup,
  }) => {
    await buildServer()
    cleanup(() => rm(BUILD_DIR, { recursive: true, force: true }))
    cleanup(() => rm(app.makePath(BUILD_TSCONFIG), { force: true }))
    await mkdir(`${BUILD_DIR}/plugins/always-fails`, { recursive: true })
    await writeFile(`${BUILD_DIR}/plugins/always-fails/plugin.js`, FAILING_PLUGIN)
    await PluginState.createMany([
      { id: 'health', enabled: true },
      { id: 'always-fails', enabled: true },
    ])

    const prefix = `${env.get('QUEUE_PREFIX', 'beacon-test')}-built-${process.pid}`
    cleanup(() => removeQueueKeys(prefix))
    const server = startBeaconProcess(
      ['bin/server.js'],
      productionTestEnvironment({
        PORT: String(BUILT_PORT),
        // Its own namespace: its rate-limit counts start from nothing.
        QUEUE_PREFIX: prefix,
        TRUSTED_PROXIES: TRUSTED_PROXY,
        RATE_LIMIT_PUBLIC_FORMS: '1',
      }),
      { cwd: BUILD_DIR }
    )
    cleanup(() => stopBeaconProcess(server))
    const health = await eventually(async () => {
      const response = await fetch(`${BUILT_URL}/plugins/health`)
      assert.equal(response.status, 200)
      return response.json()
    }, 60_000)

    // The compiled plugins (plugin.js) were found: the health plugin answers.
    assert.deepEqual(health, { status: 'ok', database: 'ok' })
    assert.notInclude(server.output(), 'was skipped')

    // https: HSTS, and the session cookie is Secure.
    const page = await fetch(`${BUILT_URL}/my-alerts`)
    assert.match(page.headers.get('strict-transport-security') ?? '', /max-age=\d+/)
    const session = page.headers
      .getSetCookie()
      .find((cookie) => cookie.startsWith('beacon-session'))
    assert.match(session ?? '', /;\s*Secure/i)

    // A page that does not exist: the friendly page, no stack trace.
    const missing = await new BrowserLikeSession({ baseUrl: BUILT_URL }).get('/no-such-page')
    assert.equal(missing.status, 404)
    assert.include(missing.text, 'Page not found')
    assert.notInclude(missing.text, 'E_ROUTE_NOT_FOUND')

    // A failure: a reference on the page, the error and its reference in the log, no details shown.
    const failed = await new BrowserLikeSession({ baseUrl: BUILT_URL }).get('/plugins/always-fails')
    assert.equal(failed.status, 500)
    assert.include(failed.text, 'Sorry, there is a problem with the service')
    const reference = failed.text.match(/<strong class="beacon-reference">([A-Z0-9]{8})</)?.[1]
    assert.exists(reference, 'the page shows a reference')
    assert.notInclude(failed.text, 'secret detail')
    assert.notInclude(failed.text, 'thing.ts')
    const logged = await eventually(async () => {
      const line = server
        .output()
        .split('\n')
        .find((entry) => entry.includes(reference!))
      assert.exists(line)
      return JSON.parse(line!)
    })
    assert.equal(logged.level, 50)
    assert.include(logged.err.message, 'secret detail')
    assert.include(logged.err.stack, 'thing.ts')
    assert.isString(logged['x-request-id'])

    // X-Forwarded-For from a peer that is not a trusted proxy is ignored: both count as 127.0.0.1.
    const first = new BrowserLikeSession({
      baseUrl: BUILT_URL,
      headers: { 'X-Forwarded-For': randomAddress() },
    })
    assert.equal((await first.submit('/my-alerts', { email: 'someone@example.test' })).status, 200)
    const second = new BrowserLikeSession({
      baseUrl: BUILT_URL,
      headers: { 'X-Forwarded-For': randomAddress() },
    })
    const blocked = await second.submit('/my-alerts', { email: 'someone@example.test' })
    assert.equal(blocked.status, 429)
  }).timeout(300_000)
})

test.group('Client addresses behind a trusted proxy', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('rate limits count the address a trusted proxy forwards (loopback by default)', async ({
    assert,
    cleanup,
  }) => {
    const limit = config.get<number>('beacon.rateLimits.publicForms')
    config.set('beacon.rateLimits.publicForms', 1)
    cleanup(() => config.set('beacon.rateLimits.publicForms', limit))
    const one = `203.0.113.${randomInt(1, 100)}`
    const other = `203.0.113.${randomInt(100, 255)}`

    const firstClient = () =>
      new BrowserLikeSession({ headers: { 'X-Forwarded-For': one } }).submit('/my-alerts', {
        email: 'someone@example.test',
      })
    assert.equal((await firstClient()).status, 200)
    // Another client behind the same proxy has its own count.
    const otherClient = new BrowserLikeSession({ headers: { 'X-Forwarded-For': other } })
    assert.equal(
      (await otherClient.submit('/my-alerts', { email: 'someone@example.test' })).status,
      200
    )
    // The first client, again: over its limit.
    assert.equal((await firstClient()).status, 429)
  })
})
