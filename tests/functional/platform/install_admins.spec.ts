import { randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import ace from '@adonisjs/core/services/ace'
import AuditLog from '#models/platform/audit_log'
import User from '#models/platform/user'
import DemoData from '#database/demo/demo_data'
import StaffMakeInstallAdmin from '../../../app/commands/staff_make_install_admin.js'
import { createOrganisation, createStaff } from '#tests/helpers/fixtures'
import { signInStaff } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'

// Settings → Plugins is for both: install admins switch plugins for the install, an
// organisation's admins those made per organisation (tests/functional/platform/plugin_settings.spec.ts).
const INSTALL_WIDE = [
  '/staff/outbox',
  '/staff/settings/lists',
  '/staff/settings/organisations',
  '/staff/settings/site',
]
const INSTALL_LINKS = ['Organisations', 'Interests and schemes', 'Outbox', 'Site']
const ORGANISATION_LINKS = ['API tokens', 'Team', 'Branding', 'Approval']

function menu(html: string) {
  const nav = html.match(/<nav aria-label="Staff menu"[\s\S]*?<\/nav>/)?.[0] ?? ''
  return [...nav.matchAll(/<a [^>]*>([^<]+)<\/a>/g)].map((match) => match[1].trim())
}

test.group('Install admins', (group) => {
  group.each.setup(() => emptyTablesAfterwards())
  group.each.setup(() => ace.ui.switchMode('raw'))
  group.each.teardown(() => ace.ui.switchMode('normal'))

  test('an organisation’s admin manages its own settings but not the install’s, nor sees their links', async ({
    assert,
  }) => {
    const police = await createOrganisation('Lincoln Police')
    const admin = await signInStaff(await createStaff(police, 'admin'))
    for (const path of INSTALL_WIDE) {
      const page = await admin.get(path)
      assert.equal(page.status, 403, path)
      assert.include(page.text, 'You cannot see this page')
    }
    for (const path of ['/staff/settings/branding', '/staff/settings/approval', '/staff/team']) {
      assert.equal((await admin.get(path)).status, 200, path)
    }
    const links = menu((await admin.get('/staff')).text)
    assert.includeMembers(links, [...ORGANISATION_LINKS, 'Plugins'])
    assert.notIncludeMembers(links, INSTALL_LINKS)
    const plugins = await admin.get('/staff/settings/plugins/health')
    assert.equal(plugins.status, 200)
    assert.notInclude(plugins.text, 'For the whole install')
  })

  test('an install admin reaches the install-wide pages whatever their role, and nothing more in their organisation', async ({
    assert,
  }) => {
    const police = await createOrganisation('Lincoln Police')
    const analyst = await signInStaff(await createStaff(police, 'analyst', { installAdmin: true }))
    for (const path of INSTALL_WIDE) assert.equal((await analyst.get(path)).status, 200, path)
    // Branding and approval are the organisation's, for its admins.
    for (const path of ['/staff/settings/branding', '/staff/settings/approval', '/staff/team']) {
      assert.equal((await analyst.get(path)).status, 403, path)
    }
    const links = menu((await analyst.get('/staff')).text)
    assert.includeMembers(links, [...INSTALL_LINKS, 'Plugins'])
    assert.notIncludeMembers(links, ORGANISATION_LINKS)
    assert.include(
      (await analyst.get('/staff/settings/plugins/health')).text,
      'For the whole install'
    )
  })

  test('staff:make-install-admin makes someone an install admin, and says so', async ({
    assert,
  }) => {
    const police = await createOrganisation('Lincoln Police')
    // Unique: sign-in attempts are counted per address for 10 minutes, across test runs.
    const email = `chief-${randomUUID().slice(0, 8)}@police.test`
    const person = await createStaff(police, 'admin', email)
    const before = await signInStaff(person)
    assert.equal((await before.get('/staff/outbox')).status, 403)

    const command = await ace.create(StaffMakeInstallAdmin, [email.toUpperCase()])
    await command.exec()
    command.assertSucceeded()
    command.assertLog(
      `[ green(success) ] ${email} is now an install admin: they manage plugins, the outbox, interests and schemes`
    )
    await person.refresh()
    assert.isTrue(person.isInstallAdmin)
    const entry = await AuditLog.query()
      .where('action', 'staff.install_admin_granted')
      .firstOrFail()
    assert.equal(entry.subjectId, person.id)

    const after = await signInStaff(person)
    assert.equal((await after.get('/staff/outbox')).status, 200)
    assert.includeMembers(menu((await after.get('/staff')).text), INSTALL_LINKS)

    const again = await ace.create(StaffMakeInstallAdmin, [email])
    await again.exec()
    again.assertSucceeded()
    again.assertLog(`[ blue(info) ] ${email} is already an install admin`)
  })

  test('staff:make-install-admin refuses an address nobody signs in with', async ({ assert }) => {
    const command = await ace.create(StaffMakeInstallAdmin, ['nobody@police.test'])
    await command.exec()
    command.assertFailed()
    command.assertLog(
      '[ red(error) ] Nobody signs in as nobody@police.test. Invite them to an organisation first, then run this again.'
    )
    assert.notExists(await AuditLog.query().where('action', 'staff.install_admin_granted').first())
  })

  test('the demo’s first admin is an install admin', async ({ assert }) => {
    const login = await DemoData.loadIfEmpty()
    assert.exists(login)
    const admin = await User.findByOrFail('email', login!.email)
    assert.isTrue(admin.isInstallAdmin)
  })
})
