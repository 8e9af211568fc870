import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import pluginHost from '#services/platform/plugins/plugin_host'
import pluginSettingsStore from '#services/platform/plugins/plugin_settings_store'
import { BrowserLikeSession } from '#tests/helpers/http'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import { createStaff } from '#tests/helpers/fixtures'
import { signInStaff } from '#tests/helpers/staff_session'
import { residentOf, seedSelfService, signedInAs } from '#tests/helpers/self_service_fixtures'

const PLUGIN = 'resident-fixture'
const SETTINGS = `/staff/settings/plugins/${PLUGIN}`

test.group('Plugins: resident pages, generated settings, the page head', (group) => {
  group.each.setup(() => emptyTablesAfterwards())
  group.each.teardown(async () => {
    await pluginHost.setEnabled(PLUGIN, false)
    await pluginHost.refresh()
  })

  test('resident pages answer only the signed-in resident, with their scope, and 404 while off', async ({
    assert,
  }) => {
    const world = await seedSelfService()
    const resident = await residentOf(world)
    const session = await signedInAs(resident)

    const off = await session.get(`/my-alerts/plugins/${PLUGIN}/whoami`)
    assert.equal(off.status, 404)

    await pluginHost.setEnabled(PLUGIN, true)
    const mine = await session.get(`/my-alerts/plugins/${PLUGIN}/whoami`)
    assert.deepEqual(JSON.parse(mine.text), { residentId: resident.id, language: 'en' })

    const stranger = await new BrowserLikeSession().get(`/my-alerts/plugins/${PLUGIN}/whoami`)
    assert.match(stranger.url, /\/my-alerts$/, 'sent to ask for a sign-in link')

    // A script's JSON post carries the page's CSRF token in a header; without it, nothing happens.
    await session.get('/my-alerts/account')
    const echoed = await session.postJson(`/my-alerts/plugins/${PLUGIN}/echo`, { say: 'hello' })
    assert.equal(echoed.status, 201)
    assert.deepEqual(JSON.parse(echoed.text), { residentId: resident.id, said: 'hello' })
    const forged = await session.postJson(
      `/my-alerts/plugins/${PLUGIN}/echo`,
      { say: 'hello' },
      { 'X-CSRF-Token': 'forged' }
    )
    assert.notEqual(forged.status, 201)
  })

  test('generated values are made on enabling, stored encrypted, never on the form, and kept by saves', async ({
    assert,
  }) => {
    const world = await seedSelfService()
    const admin = await signInStaff(await createStaff(world.opcc, 'admin', { installAdmin: true }))
    await admin.get(SETTINGS)
    await admin.post(SETTINGS, { enabled: 'true' })
    const made = (await pluginSettingsStore.read(PLUGIN, 'install')).made_key as string
    assert.match(made, /^[0-9a-f]{32}$/)
    const stored = await db.from('plugins').where('id', PLUGIN).first()
    assert.notInclude(stored.settings, made)

    const page = await admin.get(SETTINGS)
    assert.notInclude(page.text, made)
    await admin.post(`${SETTINGS}/settings`, { greeting: 'Hello', _intent: 'save' })
    const after = await pluginSettingsStore.read(PLUGIN, 'install')
    assert.deepEqual(after, { greeting: 'Hello', made_key: made })

    // Switched off and on again: the same key, not a new one.
    await admin.get(SETTINGS)
    await admin.post(SETTINGS, { enabled: 'false' })
    await pluginHost.setEnabled(PLUGIN, true)
    assert.equal((await pluginSettingsStore.read(PLUGIN, 'install')).made_key, made)
  })

  test('the public.head slot is in the head of public and resident pages, never staff pages', async ({
    assert,
  }) => {
    await seedSelfService()
    await pluginHost.setEnabled(PLUGIN, true)
    const visitor = new BrowserLikeSession()
    const home = await visitor.get('/')
    const head = home.text.slice(0, home.text.indexOf('</head>'))
    assert.include(head, 'href="/plugins/resident-fixture/head-slot"')
    const staff = await visitor.get('/staff/login')
    assert.notInclude(staff.text, 'resident-fixture/head-slot')

    await pluginHost.setEnabled(PLUGIN, false)
    assert.notInclude((await visitor.get('/')).text, 'resident-fixture/head-slot')
  })
})
