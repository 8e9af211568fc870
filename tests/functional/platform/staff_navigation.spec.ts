import { test } from '@japa/runner'
import type { Role } from '#models/platform/membership'
import { createOrganisation, createStaff } from '#tests/helpers/fixtures'
import { signInStaff } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'

/** The staff menu as a member sees it: each group's heading and its links, in order. */
function menu(html: string) {
  const nav = html.match(/<nav aria-label="Staff menu"[\s\S]*?<\/nav>/)?.[0] ?? ''
  const groups: Record<string, string[]> = {}
  for (const group of nav.split('beacon-staff-nav__heading').slice(1)) {
    const name = group.match(/>([^<]+)<\/h2>/)![1].trim()
    groups[name] = [...group.matchAll(/<a [^>]*>([^<]+)<\/a>/g)].map((match) => match[1].trim())
  }
  return groups
}

const YOU = { You: ['Your account'] }

/** What each role of an organisation is shown (none is an install admin), and pages each may not use. */
const EXPECTED: Record<Role, { menu: Record<string, string[]>; hidden: string[] }> = {
  admin: {
    menu: {
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
      ...YOU,
    },
    hidden: ['/staff/outbox', '/staff/settings/areas', '/staff/settings/site'],
  },
  approver: {
    menu: {
      Alerts: ['Alerts', 'New alert', 'Templates', 'Joint alerts to co-sign'],
      Residents: ['Residents', 'Segments', 'Inbox'],
      Reports: ['Alert ratings', 'Forwarding and reach'],
      ...YOU,
    },
    hidden: [
      '/staff/team',
      '/staff/doorstep',
      '/staff/settings/branding',
      '/staff/audit-log',
      '/staff/surveys',
    ],
  },
  sender: {
    menu: {
      Alerts: ['Alerts', 'New alert', 'Templates', 'Surveys'],
      Residents: ['Residents', 'Segments', 'Inbox'],
      Reports: ['Alert ratings', 'Forwarding and reach'],
      ...YOU,
    },
    hidden: ['/staff/team', '/staff/doorstep', '/staff/settings/approval', '/staff/joint-alerts'],
  },
  analyst: {
    menu: {
      Alerts: ['Alerts'],
      Reports: [
        'Alert ratings',
        'Forwarding and reach',
        'Residents report',
        'Alerts and deliveries',
        'Who we reach',
      ],
      ...YOU,
    },
    hidden: [
      '/staff/alerts/new',
      '/staff/templates',
      '/staff/residents',
      '/staff/inbox',
      '/staff/team',
      '/staff/audit-log',
      '/staff/surveys',
    ],
  },
  officer: {
    menu: { Alerts: ['Alerts'], Residents: ['Doorstep sign-up'], ...YOU },
    hidden: [
      '/staff/alerts/new',
      '/staff/residents',
      '/staff/segments',
      '/staff/inbox',
      '/staff/team',
      '/staff/reports/ratings',
    ],
  },
  coordinator: {
    menu: { Residents: ['Your schemes', 'Requests to join schemes'], ...YOU },
    hidden: [
      '/staff/alerts/new',
      '/staff/templates',
      '/staff/residents',
      '/staff/segments',
      '/staff/inbox',
      '/staff/team',
      '/staff/reports/ratings',
      '/staff/reports/residents',
      '/staff/audit-log',
      '/staff/surveys',
      '/staff/doorstep',
    ],
  },
}

test.group('The staff menu', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  for (const [role, expected] of Object.entries(EXPECTED) as [Role, (typeof EXPECTED)[Role]][]) {
    test(`${/^[aeio]/.test(role) ? 'an' : 'a'} ${role} sees, grouped, the pages their role may use, and is refused the others`, async ({
      assert,
    }) => {
      const organisation = await createOrganisation()
      const browser = await signInStaff(await createStaff(organisation, role))
      const dashboard = await browser.get('/staff')
      assert.deepEqual(menu(dashboard.text), expected.menu)
      const links = [...dashboard.text.matchAll(/href="(\/staff[^"]*)"/g)].map((m) => m[1])
      for (const path of expected.hidden) {
        assert.notInclude(links, path, `${path} is not linked`)
        const page = await browser.get(path)
        assert.equal(page.status, 403, path)
        assert.include(page.text, 'You cannot see this page')
      }
      // Every page the menu offers opens for them.
      const offered = Object.values(expected.menu).flat().length
      const hrefs = [
        ...(
          dashboard.text.match(/<nav aria-label="Staff menu"[\s\S]*?<\/nav>/)?.[0] ?? ''
        ).matchAll(/<a [^>]*href="([^"]+)"/g),
      ].map((m) => m[1])
      assert.lengthOf(hrefs, offered)
      for (const href of hrefs) assert.equal((await browser.get(href)).status, 200, href)
    })
  }

  test('an install admin also sees the install’s pages, in their groups', async ({ assert }) => {
    const organisation = await createOrganisation()
    const browser = await signInStaff(
      await createStaff(organisation, 'analyst', { installAdmin: true })
    )
    const groups = menu((await browser.get('/staff')).text)
    assert.deepEqual(groups.Residents, ['Interests and schemes'])
    assert.deepEqual(groups.Areas, ['Areas'])
    assert.deepEqual(groups.Reports, [
      'Alert ratings',
      'Forwarding and reach',
      'Residents report',
      'Alerts and deliveries',
      'Who we reach',
      'Outbox',
    ])
    assert.deepEqual(groups.Settings, ['Organisations', 'Plugins', 'Site', 'Channels'])
  })
})
