import { test } from '@japa/runner'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import app from '@adonisjs/core/services/app'
import emitter from '@adonisjs/core/services/emitter'
import { PluginHost } from '#services/platform/plugins/plugin_host'
import privacyRegistry from '#services/residents/privacy_registry'
import { emptyTablesAfterwards } from '#tests/helpers/database'

/** What the listening plugin saw, kept where the test can read it. */
const seen = ((globalThis as Record<string, unknown>).__pluginEventsSeen ??= []) as unknown[]

const PLUGIN = `import { definePlugin } from '#contracts/plugin'
const seen = (globalThis.__pluginEventsSeen ??= [])
const held = new Map([[7, { note: 'Prefers Welsh' }]])
export default definePlugin({
  id: 'listener',
  name: 'Listener',
  description: 'Listens, for tests',
  version: '1.0.0',
  register(context) {
    context.on('resident:confirmed', ({ residentId }) => { seen.push(residentId) })
    context.on('alert:sent', () => { throw new Error('the listener fails on purpose') })
    context.privacy({
      export: async (residentId) => held.get(residentId) ?? null,
      erase: async ({ residentId }) => { held.delete(residentId) },
    })
  },
})
`

async function listenerHost(cleanup: (handler: () => Promise<void>) => void) {
  const directory = app.makePath('tmp', `plugins-events-${process.pid}`)
  await mkdir(join(directory, 'listener'), { recursive: true })
  cleanup(() => rm(directory, { recursive: true, force: true }))
  await writeFile(join(directory, 'listener', 'plugin.ts'), PLUGIN)
  const host = new PluginHost()
  await host.discover(directory)
  cleanup(async () => {
    privacyRegistry.unregister('listener')
    await host.setEnabled('listener', false)
  })
  return host
}

test.group('Plugins listening to events, and their privacy hooks', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('a listener hears the core’s events only while its plugin is enabled', async ({
    assert,
    cleanup,
  }) => {
    const host = await listenerHost(cleanup)
    seen.length = 0
    await emitter.emit('resident:confirmed', { residentId: 41 })
    assert.deepEqual(seen, [])

    await host.setEnabled('listener', true)
    await emitter.emit('resident:confirmed', { residentId: 42 })
    assert.deepEqual(seen, [42])

    // A listener that throws is logged; the core that raised the event carries on.
    await emitter.emit('alert:sent', { alertId: 1, organisationId: 1 })

    await host.setEnabled('listener', false)
    await emitter.emit('resident:confirmed', { residentId: 43 })
    assert.deepEqual(seen, [42])
  })

  test('a plugin’s data joins the resident’s download and goes with their erasure', async ({
    assert,
    cleanup,
  }) => {
    await listenerHost(cleanup)
    // Even while disabled: the plugin's tables still hold what it kept.
    assert.isTrue(privacyRegistry.has('listener'))
    const [section] = privacyRegistry.all().filter((entry) => entry.key === 'listener')
    assert.deepEqual(await section.export(7), { note: 'Prefers Welsh' })
    assert.isNull(await section.export(8))

    await privacyRegistry.eraseAll({ residentId: 7, traces: [] })
    assert.isNull(await section.export(7))
  })
})
