import { test } from '@japa/runner'
import pluginHost from '#services/platform/plugins/plugin_host'
import AuditLog from '#models/platform/audit_log'
import { BrowserLikeSession } from '#tests/helpers/http'
import { createOrganisation, createStaff } from '#tests/helpers/fixtures'
import { signInStaff } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'

test.group('Plugins in Settings', (group) => {
  group.each.setup(() => emptyTablesAfterwards())
  group.each.teardown(() => pluginHost.refresh())

  test('a disabled plugin answers 404; an install admin enables it and it answers at once', async ({
    assert,
  }) => {
    const organisation = await createOrganisation()
    const admin = await createStaff(organisation, 'admin', { installAdmin: true })
    const visitor = new BrowserLikeSession()
    assert.equal((await visitor.get('/plugins/health')).status, 404)

    const browser = await signInStaff(admin)
    const settings = await browser.get('/staff/settings/plugins')
    assert.include(settings.text, 'Health check')
    assert.include(settings.text, 'Disabled')

    const enabled = await browser.post('/staff/settings/plugins/health', { enabled: 'true' })
    assert.include(enabled.text, 'Health check is now enabled.')
    const health = await visitor.get('/plugins/health')
    assert.equal(health.status, 200)
    assert.deepEqual(JSON.parse(health.text), { status: 'ok', database: 'ok' })
    assert.exists(await AuditLog.query().where('action', 'plugin.enabled').first())

    // Disabling asks first, on a page of its own (no JavaScript needed).
    assert.include(enabled.text, 'href="/staff/settings/plugins/health/disable"')
    const confirm = await browser.get('/staff/settings/plugins/health/disable')
    assert.include(confirm.text, 'Disable Health check for every organisation on this install?')
    const disabled = await browser.post('/staff/settings/plugins/health', { enabled: 'false' })
    assert.include(disabled.text, 'Health check is now disabled.')
    assert.equal((await visitor.get('/plugins/health')).status, 404)
    assert.exists(await AuditLog.query().where('action', 'plugin.disabled').first())
  })
})
