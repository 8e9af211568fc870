import { test } from '@japa/runner'
import pluginHost from '#services/platform/plugins/plugin_host'
import { emptyTablesAfterwards } from '#tests/helpers/database'

test.group('Plugin host', (group) => {
  group.each.setup(() => emptyTablesAfterwards())
  group.each.teardown(() => pluginHost.refresh())

  test('discovers the plugins/ folders at boot, disabled until an admin enables them', async ({
    assert,
  }) => {
    const health = pluginHost.list().find((plugin) => plugin.manifest.id === 'health')
    assert.exists(health)
    assert.equal(health!.manifest.name, 'Health check')
    assert.isFalse(pluginHost.isEnabled('health'))
  })

  test('enabling and disabling is stored, and survives a refresh from the database', async ({
    assert,
  }) => {
    await pluginHost.setEnabled('health', true)
    await pluginHost.refresh()
    assert.isTrue(pluginHost.isEnabled('health'))
    await pluginHost.setEnabled('health', false)
    await pluginHost.refresh()
    assert.isFalse(pluginHost.isEnabled('health'))
  })

  test('refuses to enable a plugin that is not installed', async ({ assert }) => {
    await assert.rejects(
      () => pluginHost.setEnabled('no-such-plugin', true),
      'No plugin "no-such-plugin" is installed'
    )
  })
})
