import { test } from '@japa/runner'
import vine from '@vinejs/vine'
import db from '@adonisjs/lucid/services/db'
import encryption from '@adonisjs/core/services/encryption'
import type { PluginManifest } from '#contracts/plugin'
import { defineSettings, type SettingsForm } from '#contracts/settings'
import pluginHost from '#services/platform/plugins/plugin_host'
import pluginSettingsStore from '#services/platform/plugins/plugin_settings_store'
import { pluginSettingsReader } from '#services/platform/plugins/plugin_settings_reader'
import { submittedSettings } from '#services/platform/plugins/plugin_settings_form'
import { checkSettingsDeclaration } from '#services/platform/plugins/plugin_settings_declaration'
import { createOrganisation } from '#tests/helpers/fixtures'
import { emptyTablesAfterwards } from '#tests/helpers/database'

const FORM: SettingsForm = {
  fields: [
    { name: 'endpoint', type: 'url', label: 'Endpoint' },
    { name: 'apiKey', type: 'secret', label: 'API key' },
    { name: 'loud', type: 'boolean', label: 'Loud' },
    { name: 'size', type: 'number', label: 'Size' },
  ],
  validator: vine.create({}),
}

function manifestWith(settings: PluginManifest['settings']): PluginManifest {
  return { id: 'example', name: 'Example', description: '', version: '1', settings }
}

test.group('Plugin settings: reading a form', () => {
  test('a secret left blank keeps its saved value, unless cleared; an unticked box is false', ({
    assert,
  }) => {
    const saved = { endpoint: 'https://a.example', apiKey: 'saved-key' }
    assert.deepEqual(
      submittedSettings(FORM, { endpoint: ' https://b.example ', size: '3' }, saved),
      {
        input: { endpoint: 'https://b.example', apiKey: 'saved-key', loud: false, size: '3' },
        secrets: { apiKey: 'kept' },
      }
    )
    assert.deepEqual(submittedSettings(FORM, { apiKey: 'new-key', loud: 'true' }, saved), {
      input: { apiKey: 'new-key', loud: true },
      secrets: { apiKey: 'replaced' },
    })
    assert.deepEqual(submittedSettings(FORM, { _clear: ['apiKey'] }, saved), {
      input: { loud: false },
      secrets: { apiKey: 'cleared' },
    })
    assert.deepEqual(submittedSettings(FORM, {}, {}).secrets, { apiKey: 'not set' })
  })

  test('a settings declaration the form could not render is refused at boot', ({ assert }) => {
    const declare =
      (fields: SettingsForm['fields'], extra = {}) =>
      () =>
        checkSettingsDeclaration(
          manifestWith({ scope: 'install', fields, validator: vine.create({}), ...extra })
        )
    assert.throws(declare([{ name: 'api-key', type: 'text', label: 'Key' }]), /api-key/)
    assert.throws(
      declare([
        { name: 'key', type: 'text', label: 'Key' },
        { name: 'key', type: 'secret', label: 'Key' },
      ]),
      /twice/
    )
    assert.throws(
      declare([{ name: 'kind', type: 'select', label: 'Kind', options: [] }]),
      /options/
    )
    assert.throws(declare([], { install: FORM }), /only a plugin of scope "organisation"/)
    assert.doesNotThrow(declare([{ name: 'key', type: 'secret', label: 'Key' }]))
  })
})

test.group('Plugin settings: reading them at run time', (group) => {
  group.each.setup(() => emptyTablesAfterwards())
  group.each.teardown(() => {
    pluginSettingsStore.forget()
    return pluginHost.refresh()
  })

  test('a plugin set for the install reads the same settings for every organisation', async ({
    assert,
  }) => {
    const organisation = await createOrganisation()
    const manifest = manifestWith(defineSettings({ scope: 'install', ...FORM }))
    await pluginSettingsStore.write('example', 'install', { endpoint: 'https://a.example' })
    const reader = pluginSettingsReader(manifest, pluginSettingsStore)
    assert.deepEqual(await reader.forInstall(), { endpoint: 'https://a.example' })
    assert.deepEqual(await reader.forOrganisation(organisation.id), {
      endpoint: 'https://a.example',
    })
  })

  test('settings are kept decrypted in memory until a change is announced', async ({ assert }) => {
    const organisation = await createOrganisation()
    const manifest = manifestWith(defineSettings({ scope: 'organisation', ...FORM }))
    const reader = pluginSettingsReader(manifest, pluginSettingsStore)
    assert.deepEqual(await reader.forOrganisation(organisation.id), {})
    await pluginSettingsStore.write('example', { organisationId: organisation.id }, { size: 1 })
    assert.deepEqual(await reader.forOrganisation(organisation.id), { size: 1 })

    // As another process writes them: this one sees the change once it is announced.
    await db
      .from('plugin_organisations')
      .where('plugin_id', 'example')
      .update({ settings: encryption.encrypt(JSON.stringify({ size: 2 })) })
    assert.deepEqual(await reader.forOrganisation(organisation.id), { size: 1 })
    await pluginHost.refresh()
    assert.deepEqual(await reader.forOrganisation(organisation.id), { size: 2 })

    // What a plugin does to the values it was given stays with it.
    const values = await reader.forOrganisation(organisation.id)
    values.size = 99
    assert.deepEqual(await reader.forOrganisation(organisation.id), { size: 2 })
  })

  test('a plugin switched for the install only is on for every organisation with it', async ({
    assert,
  }) => {
    const organisation = await createOrganisation()
    assert.isFalse(pluginHost.isEnabledFor('health', organisation.id))
    await pluginHost.setEnabled('health', true)
    assert.isTrue(pluginHost.isEnabledFor('health', organisation.id))
    await assert.rejects(
      () => pluginHost.setEnabledFor('health', organisation.id, true),
      'Plugin "health" is not switched per organisation'
    )
  })
})
