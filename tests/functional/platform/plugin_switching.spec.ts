import { test } from '@japa/runner'
import encryption from '@adonisjs/core/services/encryption'
import AuditLog from '#models/platform/audit_log'
import pluginHost from '#services/platform/plugins/plugin_host'
import channelRegistry from '#services/platform/plugins/channel_registry'
import alertHookRegistry from '#services/platform/plugins/alert_hook_registry'
import { BrowserLikeSession } from '#tests/helpers/http'
import { signInStaff } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import { PLUGIN, VALID, storedFor, twoOrganisations } from '#tests/helpers/plugin_settings_fixtures'

test.group('Plugin settings: switching per organisation', (group) => {
  group.each.setup(() => emptyTablesAfterwards())
  group.each.teardown(() => pluginHost.refresh())

  test('an organisation admin switches a plugin on for their organisation only: its routes, channel and hook follow', async ({
    assert,
  }) => {
    const { lincs, fire, installAdmin, lincsAdmin } = await twoOrganisations()
    const visitor = new BrowserLikeSession()
    const stateOf = async (organisationId: number) =>
      JSON.parse((await visitor.get(`/plugins/relay-fixture/state/${organisationId}`)).text)

    const admin = await signInStaff(lincsAdmin)
    const list = await admin.get('/staff/settings/plugins')
    assert.include(list.text, 'Relay fixture')
    assert.include(list.text, 'Relays alerts to an endpoint (a plugin for the tests).')
    assert.include(list.text, '0.0.1')

    // Not yet enabled for the install: switching it on here is kept, but it stays off.
    const early = await admin.post(`${PLUGIN}/organisation`, { enabled: 'true' })
    assert.include(
      early.text,
      'Relay fixture is now enabled for Lincolnshire OPCC. It starts working once an install admin enables it for the install.'
    )
    assert.equal((await visitor.get(`/plugins/relay-fixture/state/${lincs.id}`)).status, 404)
    assert.isFalse(pluginHost.isEnabledFor('relay-fixture', lincs.id))

    const install = await signInStaff(installAdmin)
    await install.get(PLUGIN)
    assert.include(
      (await install.post(PLUGIN, { enabled: 'true' })).text,
      'Relay fixture is now enabled.'
    )

    assert.isTrue(pluginHost.isEnabledFor('relay-fixture', lincs.id))
    assert.isFalse(pluginHost.isEnabledFor('relay-fixture', fire.id))
    // Asked for no organisation in particular (a resident's channel list): on for one of them.
    assert.include(
      channelRegistry.available().map((channel) => channel.id),
      'relay-fixture'
    )
    assert.isTrue((await stateOf(lincs.id)).enabled)
    assert.isFalse((await stateOf(fire.id)).enabled)
    const channelsOf = (organisationId: number) =>
      channelRegistry.available(organisationId).map((channel) => channel.id)
    assert.include(channelsOf(lincs.id), 'relay-fixture')
    assert.notInclude(channelsOf(fire.id), 'relay-fixture')
    assert.equal(
      alertHookRegistry.available(lincs.id).length,
      alertHookRegistry.available(fire.id).length + 1
    )

    // Disabling asks first, on a page of its own.
    const page = await admin.get(PLUGIN)
    assert.include(page.text, 'Disable for Lincolnshire OPCC')
    const confirm = await admin.get(`${PLUGIN}/organisation/disable`)
    assert.include(confirm.text, 'Disable Relay fixture for Lincolnshire OPCC?')
    const done = await admin.post(`${PLUGIN}/organisation`, { enabled: 'false' })
    assert.include(done.text, 'Relay fixture is now disabled for Lincolnshire OPCC.')
    assert.isFalse((await stateOf(lincs.id)).enabled)
    assert.notInclude(channelsOf(lincs.id), 'relay-fixture')
    assert.notInclude(
      channelRegistry.available().map((channel) => channel.id),
      'relay-fixture'
    )

    const entries = await AuditLog.query()
      .whereIn('action', ['plugin.organisation_enabled', 'plugin.organisation_disabled'])
      .orderBy('id')
    assert.deepEqual(
      entries.map((entry) => [entry.action, entry.organisationId, entry.userId]),
      [
        ['plugin.organisation_enabled', lincs.id, lincsAdmin.id],
        ['plugin.organisation_disabled', lincs.id, lincsAdmin.id],
      ]
    )
  })

  test('when the plugin keeps the switch for install admins, an organisation admin only sets it up', async ({
    assert,
    cleanup,
  }) => {
    const settings = pluginHost.get('relay-fixture')!.settings!
    settings.organisationsMayEnable = false
    cleanup(() => {
      settings.organisationsMayEnable = true
    })
    const { lincs, lincsAdmin, installAdmin } = await twoOrganisations()

    const admin = await signInStaff(lincsAdmin)
    const page = await admin.get(PLUGIN)
    assert.include(page.text, 'Install admins switch this plugin on and off for each organisation.')
    assert.include(page.text, 'Settings for Lincolnshire OPCC')
    assert.equal((await admin.post(`${PLUGIN}/organisation`, { enabled: 'true' })).status, 403)
    assert.isFalse(pluginHost.isSwitchedOnFor('relay-fixture', lincs.id))

    const install = await signInStaff(installAdmin)
    await install.get(PLUGIN)
    await install.post(`${PLUGIN}/organisation`, { enabled: 'true' })
    assert.isTrue(pluginHost.isSwitchedOnFor('relay-fixture', lincs.id))
  })

  test('only install admins switch a plugin for the install and set its install-wide settings', async ({
    assert,
  }) => {
    const { lincsAdmin } = await twoOrganisations()
    const admin = await signInStaff(lincsAdmin)
    const page = await admin.get(PLUGIN)
    assert.notInclude(page.text, 'For the whole install')
    assert.notInclude(page.text, 'Allow private addresses')
    assert.equal((await admin.post(PLUGIN, { enabled: 'true' })).status, 403)
    assert.equal((await admin.get(`${PLUGIN}/disable`)).status, 403)
    assert.equal((await admin.post(`${PLUGIN}/settings`, { allowPrivate: 'true' })).status, 403)
    assert.isFalse(pluginHost.isEnabled('relay-fixture'))
    assert.isNull(await AuditLog.query().where('action', 'like', 'plugin.%').first())
  })
})

test.group('Plugin settings: organisations kept apart', (group) => {
  group.each.setup(() => emptyTablesAfterwards())
  group.each.teardown(() => pluginHost.refresh())

  test('an admin of one organisation cannot change another organisation’s plugin', async ({
    assert,
  }) => {
    const { lincs, fire, lincsAdmin, fireAdmin } = await twoOrganisations()
    // An admin of Lincolnshire OPCC who is only a sender for the fire service.
    await lincsAdmin.related('memberships').create({ organisationId: fire.id, role: 'sender' })

    const fireBrowser = await signInStaff(fireAdmin)
    await fireBrowser.get(PLUGIN)
    await fireBrowser.post(`${PLUGIN}/organisation/settings`, {
      ...VALID,
      endpoint: 'https://fire.example.org/in',
      _intent: 'save',
    })
    const fireBefore = await storedFor(fire.id)

    // Naming the other organisation in the form changes nothing there: the form is for your own.
    const admin = await signInStaff(lincsAdmin)
    await admin.get(PLUGIN)
    await admin.post(`${PLUGIN}/organisation/settings`, {
      ...VALID,
      endpoint: 'https://lincs.example.org/in',
      organisationId: fire.id,
      organisation_id: fire.id,
      _intent: 'save',
    })
    await admin.post(`${PLUGIN}/organisation`, { enabled: 'true', organisationId: fire.id })
    assert.equal(await storedFor(fire.id), fireBefore)
    assert.isFalse(pluginHost.isSwitchedOnFor('relay-fixture', fire.id))
    assert.isTrue(pluginHost.isSwitchedOnFor('relay-fixture', lincs.id))
    const lincsValues = JSON.parse(encryption.decrypt<string>((await storedFor(lincs.id))!)!)
    assert.equal(lincsValues.endpoint, 'https://lincs.example.org/in')

    // Working for the fire service, where they are a sender, they may do nothing to it.
    await admin.post('/staff/organisation', { organisationId: fire.id })
    const page = await admin.get(PLUGIN)
    assert.equal(page.status, 403)
    await admin.get('/staff/account')
    assert.equal(
      (await admin.post(`${PLUGIN}/organisation/settings`, { ...VALID, _intent: 'save' })).status,
      403
    )
    assert.equal((await admin.post(`${PLUGIN}/organisation`, { enabled: 'true' })).status, 403)
    assert.equal(await storedFor(fire.id), fireBefore)
    assert.isFalse(pluginHost.isSwitchedOnFor('relay-fixture', fire.id))

    // And the fire service's page never shows Lincolnshire's values.
    const firePage = await fireBrowser.get(PLUGIN)
    assert.include(firePage.text, 'value="https://fire.example.org/in"')
    assert.notInclude(firePage.text, 'lincs.example.org')
  })
})
