import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import encryption from '@adonisjs/core/services/encryption'
import AuditLog from '#models/platform/audit_log'
import pluginHost from '#services/platform/plugins/plugin_host'
import { signInStaff } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import {
  PLUGIN,
  VALID,
  startRelay,
  storedFor,
  twoOrganisations,
} from '#tests/helpers/plugin_settings_fixtures'

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

    assert.include(refused.text, 'These settings are not complete')
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
    assert.notInclude(saved.text, 'These settings are not complete')
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
