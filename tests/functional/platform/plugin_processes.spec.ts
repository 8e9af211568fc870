import { test } from '@japa/runner'
import redis from '@adonisjs/redis/services/main'
import env from '#start/env'
import { redisKey } from '#services/platform/infrastructure/redis_keys'
import pluginHost from '#services/platform/plugins/plugin_host'
import PluginSettingsChanges from '#services/platform/plugins/plugin_settings_changes'
import { BrowserLikeSession } from '#tests/helpers/http'
import { eventually } from '#tests/helpers/eventually'
import { startBeaconProcess, stopBeaconProcess } from '#tests/helpers/child_process'
import { createOrganisation, createStaff } from '#tests/helpers/fixtures'
import { signInStaff } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'

const SERVER = ['--import', '@poppinss/ts-exec', 'bin/server.ts']

/** What the other process must do without a restart, and quickly: Redis tells it, nothing polls. */
const withinASecond = <T>(check: () => Promise<T>) => eventually(check, 1000)

test.group('Plugins across processes', (group) => {
  group.each.setup(() => emptyTablesAfterwards())
  group.each.teardown(() => pluginHost.refresh())

  test('switching a plugin, or changing its settings, in one process takes effect in another within a second', async ({
    assert,
    cleanup,
  }) => {
    const organisation = await createOrganisation()
    const port = env.get('PORT') + 1
    const otherUrl = `http://localhost:${port}`
    const other = startBeaconProcess(SERVER, {
      PORT: String(port),
      APP_URL: otherUrl,
      QUEUE_WORKER: 'off',
      DEMO_DATA: 'false',
    })
    cleanup(() => stopBeaconProcess(other))
    const browser = new BrowserLikeSession({ baseUrl: otherUrl })
    const relayState = async () =>
      JSON.parse((await browser.get(`/plugins/relay-fixture/state/${organisation.id}`)).text)

    // Started: the other process listens for changes (as this one does), and has the plugin disabled.
    await eventually(async () => {
      const [, listeners] = (await redis.pubsub('NUMSUB', redisKey('plugins', 'changed'))) as [
        string,
        number,
      ]
      assert.equal(listeners, 2)
      assert.equal((await browser.get('/plugins/health')).status, 404)
    }, 90_000)

    // Install-wide, from this process to the other.
    await pluginHost.setEnabled('health', true)
    await withinASecond(async () =>
      assert.equal((await browser.get('/plugins/health')).status, 200)
    )

    // Per organisation: the other process has read (and keeps) the settings before they change.
    await pluginHost.setEnabled('relay-fixture', true)
    await withinASecond(async () =>
      assert.deepEqual(await relayState(), { enabled: false, endpoint: null })
    )
    await pluginHost.setEnabledFor('relay-fixture', organisation.id, true)
    await withinASecond(async () => assert.isTrue((await relayState()).enabled))

    const plugin = pluginHost.get('relay-fixture')!
    await PluginSettingsChanges.save(
      { plugin, form: plugin.settings!, owner: { organisationId: organisation.id } },
      { endpoint: 'https://relay.example.org/new', apiKey: 'sk-live-0123456789' }
    )
    await withinASecond(async () =>
      assert.equal((await relayState()).endpoint, 'https://relay.example.org/new')
    )

    // And back: an install admin disables a plugin in the other process; this one follows.
    const admin = await createStaff(organisation, 'admin', { installAdmin: true })
    await signInStaff(admin, browser)
    await browser.get('/staff/settings/plugins/health/disable')
    const done = await browser.post('/staff/settings/plugins/health', { enabled: 'false' })
    assert.include(done.text, 'Health check is now disabled.')
    await withinASecond(async () => assert.isFalse(pluginHost.isEnabled('health')))
    assert.equal((await new BrowserLikeSession().get('/plugins/health')).status, 404)
  }).timeout(180_000)
})
