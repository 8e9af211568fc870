import { test } from '@japa/runner'
import { BrowserLikeSession } from '#tests/helpers/http'
import { createOrganisation, createStaff } from '#tests/helpers/fixtures'
import { signInStaff } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import { enableFixturePlugin, navigationGroups } from '#tests/helpers/plugin_fixture'

const PAGE = '/staff/plugins/surfaces-fixture'

test.group('Plugins’ staff pages', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('answer 404 while the plugin is disabled, to anyone', async ({ assert }) => {
    const organisation = await createOrganisation()
    const admin = await signInStaff(
      await createStaff(organisation, 'admin', { installAdmin: true })
    )
    assert.equal((await admin.get(PAGE)).status, 404)
    assert.equal((await new BrowserLikeSession().get(PAGE)).status, 404)
  })

  test('ask a signed-out visitor to sign in', async ({ assert, cleanup }) => {
    await enableFixturePlugin(cleanup)
    const page = await new BrowserLikeSession().get(PAGE)
    assert.match(page.url, /\/staff\/login$/)
    assert.notInclude(page.text, 'Fixture report')
  })

  test('open to the roles the plugin names, scoped to the member’s organisation', async ({
    assert,
    cleanup,
  }) => {
    await enableFixturePlugin(cleanup)
    const home = await createOrganisation('Lincolnshire OPCC')
    const other = await createOrganisation('Northshire Police')

    const approver = await signInStaff(await createStaff(home, 'approver'))
    const page = await approver.get(PAGE)
    assert.equal(page.status, 200)
    assert.include(page.text, `Organisation ${home.id}, role approver`)
    // Rendered in the core's staff layout, with its navigation and organisation name.
    assert.include(page.text, 'aria-label="Staff menu"')
    assert.include(page.text, 'Lincolnshire OPCC')

    const otherAdmin = await signInStaff(await createStaff(other, 'admin'))
    assert.include((await otherAdmin.get(PAGE)).text, `Organisation ${other.id}, role admin`)

    for (const role of ['sender', 'officer', 'analyst'] as const) {
      const refused = await (await signInStaff(await createStaff(home, role))).get(PAGE)
      assert.equal(refused.status, 403, role)
      assert.notInclude(refused.text, 'Fixture report')
    }
  })

  test('check each page’s own roles, and CSRF on its forms', async ({ assert, cleanup }) => {
    await enableFixturePlugin(cleanup)
    const organisation = await createOrganisation()

    const approver = await signInStaff(await createStaff(organisation, 'approver'))
    await approver.get(PAGE)
    assert.equal((await approver.post(`${PAGE}/notes`)).status, 403)

    const admin = await signInStaff(await createStaff(organisation, 'admin'))
    await admin.get(PAGE)
    assert.include((await admin.post(`${PAGE}/notes`)).text, 'Note saved.')

    const forged = await admin.submit(PAGE, {}, { action: `${PAGE}/notes`, csrf: false })
    assert.notInclude(forged.text, 'Note saved.')
  })
})

test.group('Grouped staff navigation', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('shows each role only the groups and links it may use', async ({ assert }) => {
    const organisation = await createOrganisation()
    const admin = await signInStaff(await createStaff(organisation, 'admin'))
    assert.deepEqual(navigationGroups((await admin.get('/staff')).text), {
      Alerts: ['Alerts', 'New alert', 'Templates', 'Joint alerts to co-sign', 'Surveys'],
      Residents: ['Residents', 'Segments', 'Inbox', 'Doorstep sign-up', 'Requests to join schemes'],
      Reports: [
        'Alert ratings',
        'Forwarding and reach',
        'Residents report',
        'Alerts and deliveries',
        'Who we reach',
        'Audit log',
      ],
      Settings: ['Team', 'Branding', 'Approval', 'Tracking', 'API tokens', 'Plugins'],
      You: ['Your account'],
    })

    const officer = await signInStaff(await createStaff(organisation, 'officer'))
    assert.deepEqual(navigationGroups((await officer.get('/staff')).text), {
      // Officers and analysts do not write alerts (AlertPolicy.create): no "New alert".
      Alerts: ['Alerts'],
      Residents: ['Doorstep sign-up'],
      You: ['Your account'],
    })

    const installAdmin = await signInStaff(
      await createStaff(organisation, 'analyst', { installAdmin: true })
    )
    assert.deepEqual(navigationGroups((await installAdmin.get('/staff')).text), {
      Alerts: ['Alerts'],
      Residents: ['Interests and schemes'],
      Areas: ['Areas'],
      Reports: [
        'Alert ratings',
        'Forwarding and reach',
        'Residents report',
        'Alerts and deliveries',
        'Who we reach',
        'Outbox',
      ],
      Settings: ['Organisations', 'Plugins', 'Site', 'Channels'],
      You: ['Your account'],
    })
  })

  test('lists an enabled plugin’s entry in its group, for the roles that may open it', async ({
    assert,
    cleanup,
  }) => {
    const organisation = await createOrganisation()
    const approver = await signInStaff(await createStaff(organisation, 'approver'))
    const sender = await signInStaff(await createStaff(organisation, 'sender'))
    // The core's own report first; the plugin's joins it for the roles it names.
    assert.deepEqual(navigationGroups((await approver.get('/staff')).text).Reports, [
      'Alert ratings',
      'Forwarding and reach',
    ])

    await enableFixturePlugin(cleanup)
    const groups = navigationGroups((await approver.get('/staff')).text)
    assert.deepEqual(groups.Reports, ['Alert ratings', 'Forwarding and reach', 'Fixture report'])
    assert.include((await approver.get('/staff')).text, 'href="/staff/plugins/surfaces-fixture"')
    assert.deepEqual(navigationGroups((await sender.get('/staff')).text).Reports, [
      'Alert ratings',
      'Forwarding and reach',
    ])
  })
})
