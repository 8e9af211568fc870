import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import encryption from '@adonisjs/core/services/encryption'
import AuditLog from '#models/platform/audit_log'
import pluginHost from '#services/platform/plugin_host'
import channelRegistry from '#services/platform/channel_registry'
import messageHookRegistry from '#services/platform/message_hook_registry'
import { BrowserLikeSession } from '#tests/helpers/http'
import { createOrganisation, createStaff } from '#tests/helpers/fixtures'
import { signInStaff } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'

const PLUGIN = '/staff/settings/plugins/relay-fixture'
const VALID = {
  endpoint: 'https://relay.example.org/in',
  apiKey: 'sk-live-0123456789abcdef',
  contactEmail: 'ops@example.org',
  batchSize: '20',
  includeBody: 'true',
  region: 'north',
  signature: 'Lincolnshire OPCC',
}

/** What the raw column holds for an organisation: never the plain text. */
async function storedFor(organisationId: number) {
  const row = await db
    .from('plugin_organisations')
    .where('plugin_id', 'relay-fixture')
    .where('organisation_id', organisationId)
    .first()
  return row?.settings as string | undefined
}

/** Answers 200 to the right API key and 401 to any other, as a provider would. */
async function startRelay(acceptedKey: string) {
  const server: Server = createServer((request, response) => {
    response.statusCode = request.headers.authorization === `Bearer ${acceptedKey}` ? 200 : 401
    response.end()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
  return { url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) }
}

async function twoOrganisations() {
  const lincs = await createOrganisation('Lincolnshire OPCC')
  const fire = await createOrganisation('Lincolnshire Fire')
  const installAdmin = await createStaff(lincs, 'admin', { installAdmin: true })
  const lincsAdmin = await createStaff(lincs, 'admin')
  const fireAdmin = await createStaff(fire, 'admin')
  return { lincs, fire, installAdmin, lincsAdmin, fireAdmin }
}

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
    assert.isTrue((await stateOf(lincs.id)).enabled)
    assert.isFalse((await stateOf(fire.id)).enabled)
    const channelsOf = (organisationId: number) =>
      channelRegistry.available(organisationId).map((channel) => channel.id)
    assert.include(channelsOf(lincs.id), 'relay-fixture')
    assert.notInclude(channelsOf(fire.id), 'relay-fixture')
    assert.equal(
      messageHookRegistry.available(lincs.id).length,
      messageHookRegistry.available(fire.id).length + 1
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

test.group('Plugin settings: the form', (group) => {
  group.each.setup(() => emptyTablesAfterwards())
  group.each.teardown(() => pluginHost.refresh())

  test('refuses bad answers in plain English, keeping what was typed but never a secret', async ({
    assert,
  }) => {
    const { lincs, lincsAdmin } = await twoOrganisations()
    const admin = await signInStaff(lincsAdmin)
    await admin.get(PLUGIN)
    const refused = await admin.post(`${PLUGIN}/organisation/settings`, {
      endpoint: 'relay dot example',
      apiKey: 'short',
      contactEmail: 'ops at example',
      batchSize: 'lots',
      region: 'east',
      signature: 'x'.repeat(201),
      _intent: 'save',
    })
    for (const message of [
      'There is a problem',
      'Enter the endpoint address as a full web address, like https://example.org',
      'The API key is at least 8 characters long: copy all of it',
      'Enter the contact email as an email address, like name@example.org',
      'Enter the batch size as a number',
      'Choose one of the options for the region',
      'The signature must be 200 characters or fewer',
    ]) {
      assert.include(refused.text, message)
    }
    // The error summary links to the fields of this form.
    assert.include(refused.text, 'href="#organisation-endpoint"')
    assert.include(refused.text, 'value="relay dot example"')
    assert.notInclude(refused.text, 'short')
    assert.isUndefined(await storedFor(lincs.id))

    const empty = await admin.post(`${PLUGIN}/organisation/settings`, { _intent: 'save' })
    assert.include(empty.text, 'Enter the endpoint address')
    assert.include(empty.text, 'Enter the API key')
    assert.isUndefined(await storedFor(lincs.id))
  })

  test('a secret is write-only, encrypted at rest, kept when left blank and audited without its value', async ({
    assert,
  }) => {
    const { lincs, lincsAdmin } = await twoOrganisations()
    const admin = await signInStaff(lincsAdmin)
    await admin.get(PLUGIN)
    const saved = await admin.post(`${PLUGIN}/organisation/settings`, { ...VALID, _intent: 'save' })
    assert.include(saved.text, 'Relay fixture: settings saved.')
    assert.notInclude(saved.text, VALID.apiKey)
    assert.include(saved.text, 'A value is saved; leave this blank to keep it.')
    assert.include(saved.text, 'Clear the saved API key')
    assert.include(saved.text, `value="${VALID.endpoint}"`)

    const raw = (await storedFor(lincs.id))!
    assert.notInclude(raw, VALID.apiKey)
    assert.notInclude(raw, 'relay.example.org')
    assert.deepEqual(JSON.parse(encryption.decrypt<string>(raw)!), {
      endpoint: VALID.endpoint,
      apiKey: VALID.apiKey,
      contactEmail: VALID.contactEmail,
      batchSize: 20,
      includeBody: true,
      region: 'north',
      signature: VALID.signature,
    })

    // Left blank, the secret stays; an unticked checkbox is false.
    await admin.post(`${PLUGIN}/organisation/settings`, {
      ...VALID,
      apiKey: '',
      includeBody: undefined,
      endpoint: 'https://relay.example.org/v2',
      _intent: 'save',
    })
    const after = JSON.parse(encryption.decrypt<string>((await storedFor(lincs.id))!)!)
    assert.equal(after.apiKey, VALID.apiKey)
    assert.equal(after.endpoint, 'https://relay.example.org/v2')
    assert.isFalse(after.includeBody)

    const entries = await AuditLog.query().where('action', 'plugin.settings_updated').orderBy('id')
    assert.lengthOf(entries, 2)
    assert.equal(entries[0].organisationId, lincs.id)
    assert.deepEqual(entries[0].details, {
      plugin: 'relay-fixture',
      level: 'organisation',
      changed: ['endpoint', 'contactEmail', 'batchSize', 'includeBody', 'region', 'signature'],
      secrets: { apiKey: 'replaced' },
    })
    assert.deepEqual(entries[1].details, {
      plugin: 'relay-fixture',
      level: 'organisation',
      changed: ['endpoint', 'includeBody'],
      secrets: {},
    })
    for (const entry of entries) assert.notInclude(JSON.stringify(entry.details), VALID.apiKey)
  })

  test('an install admin sets and clears an install-wide secret', async ({ assert }) => {
    const { installAdmin } = await twoOrganisations()
    const install = await signInStaff(installAdmin)
    await install.get(PLUGIN)
    await install.post(`${PLUGIN}/settings`, {
      allowPrivate: 'true',
      accountToken: 'acct-secret-998877',
      _intent: 'save',
    })
    const stored = async () => {
      const row = await db.from('plugins').where('id', 'relay-fixture').first()
      return JSON.parse(encryption.decrypt<string>(row.settings)!)
    }
    assert.deepEqual(await stored(), { allowPrivate: true, accountToken: 'acct-secret-998877' })
    const page = await install.get(PLUGIN)
    assert.notInclude(page.text, 'acct-secret-998877')
    assert.include(page.text, 'Clear the saved Account token')

    await install.post(`${PLUGIN}/settings`, {
      allowPrivate: 'true',
      _clear: 'accountToken',
      _intent: 'save',
    })
    assert.deepEqual(await stored(), { allowPrivate: true })
    const entry = await AuditLog.query()
      .where('action', 'plugin.settings_updated')
      .orderBy('id', 'desc')
      .firstOrFail()
    assert.deepEqual(entry.details, {
      plugin: 'relay-fixture',
      level: 'install',
      changed: [],
      secrets: { accountToken: 'cleared' },
    })
    assert.isNull(entry.organisationId)
  })

  test('"Test connection" runs the plugin’s check with what was typed, or the saved secret, and saves nothing', async ({
    assert,
    cleanup,
  }) => {
    const relay = await startRelay('good-key-12345')
    cleanup(() => relay.close())
    const { lincs, lincsAdmin } = await twoOrganisations()
    const admin = await signInStaff(lincsAdmin)
    await admin.get(PLUGIN)

    const refused = await admin.post(`${PLUGIN}/organisation/settings`, {
      ...VALID,
      endpoint: relay.url,
      apiKey: 'wrong-key-12345',
      _intent: 'check',
    })
    assert.include(refused.text, 'The connection does not work')
    assert.include(refused.text, 'The relay refused the API key (it answered 401).')
    assert.include(refused.text, 'Nothing was saved by the test.')
    assert.include(refused.text, `value="${relay.url}"`)
    assert.notInclude(refused.text, 'wrong-key-12345')
    assert.isUndefined(await storedFor(lincs.id))

    await admin.post(`${PLUGIN}/organisation/settings`, {
      ...VALID,
      endpoint: relay.url,
      apiKey: 'good-key-12345',
      _intent: 'save',
    })
    const works = await admin.post(`${PLUGIN}/organisation/settings`, {
      ...VALID,
      endpoint: relay.url,
      apiKey: '',
      _intent: 'check',
    })
    assert.include(works.text, 'The connection works')
    assert.include(works.text, 'The relay answered and accepted the API key.')

    // A check is validated first, like a save.
    const invalid = await admin.post(`${PLUGIN}/organisation/settings`, {
      endpoint: 'nowhere',
      _intent: 'check',
    })
    assert.include(invalid.text, 'Enter the endpoint address as a full web address')
    assert.notInclude(invalid.text, 'The connection')
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
