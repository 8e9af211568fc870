import { STAFF_NAV_GROUPS, type StaffNavGroup, type StaffPageAccess } from '#contracts/pages'
import type User from '#models/platform/user'
import type Membership from '#models/platform/membership'
import pluginStaffPages, { mayUse } from '#services/platform/plugins/plugin_staff_pages'

interface NavLink extends StaffPageAccess {
  group: StaffNavGroup
  label: string
  href: string
  /** Shown to install admins whatever their role, as well as to the roles listed. */
  installAdminsToo?: boolean
}

// The core's pages, in the order each group lists them. Roles as the pages' policies allow.
const CORE_LINKS: NavLink[] = [
  { group: 'Alerts', label: 'Alerts', href: '/staff' },
  {
    group: 'Alerts',
    label: 'New alert',
    href: '/staff/alerts/new',
    roles: ['admin', 'approver', 'sender'],
  },
  {
    group: 'Alerts',
    label: 'Templates',
    href: '/staff/templates',
    roles: ['admin', 'approver', 'sender'],
  },
  // Built and sent by those who write the alerts (and linked to alerts), so with them, not in Reports.
  {
    group: 'Alerts',
    label: 'Joint alerts to co-sign',
    href: '/staff/joint-alerts',
    roles: ['admin', 'approver'],
  },
  { group: 'Alerts', label: 'Surveys', href: '/staff/surveys', roles: ['admin', 'sender'] },
  {
    group: 'Residents',
    label: 'Residents',
    href: '/staff/residents',
    roles: ['admin', 'approver', 'sender'],
  },
  {
    group: 'Residents',
    label: 'Segments',
    href: '/staff/segments',
    roles: ['admin', 'approver', 'sender'],
  },
  {
    group: 'Residents',
    label: 'Inbox',
    href: '/staff/inbox',
    roles: ['admin', 'approver', 'sender'],
  },
  {
    group: 'Residents',
    label: 'Doorstep sign-up',
    href: '/staff/doorstep',
    roles: ['admin', 'officer'],
  },
  // A coordinator's own schemes (SchemeCoordinationPolicy); requests to join them, or admins' for
  // schemes without a coordinator.
  { group: 'Residents', label: 'Your schemes', href: '/staff/my-schemes', roles: ['coordinator'] },
  {
    group: 'Residents',
    label: 'Requests to join schemes',
    href: '/staff/scheme-requests',
    roles: ['admin', 'coordinator'],
  },
  {
    group: 'Residents',
    label: 'Interests and schemes',
    href: '/staff/settings/lists',
    installAdminOnly: true,
  },
  { group: 'Areas', label: 'Areas', href: '/staff/settings/areas', installAdminOnly: true },
  {
    group: 'Reports',
    label: 'Alert ratings',
    href: '/staff/reports/ratings',
    roles: ['admin', 'approver', 'sender', 'analyst'],
  },
  {
    group: 'Reports',
    label: 'Forwarding and reach',
    href: '/staff/reports/forwards',
    roles: ['admin', 'approver', 'sender', 'analyst'],
  },
  // The organisation's figures as a whole (ReportPolicy).
  {
    group: 'Reports',
    label: 'Residents report',
    href: '/staff/reports/residents',
    roles: ['admin', 'analyst'],
  },
  {
    group: 'Reports',
    label: 'Alerts and deliveries',
    href: '/staff/reports/alerts',
    roles: ['admin', 'analyst'],
  },
  {
    group: 'Reports',
    label: 'Who we reach',
    href: '/staff/reports/who-we-reach',
    roles: ['admin', 'analyst'],
  },
  { group: 'Reports', label: 'Audit log', href: '/staff/audit-log', roles: ['admin'] },
  { group: 'Reports', label: 'Outbox', href: '/staff/outbox', installAdminOnly: true },
  { group: 'Settings', label: 'Team', href: '/staff/team', roles: ['admin'] },
  { group: 'Settings', label: 'Branding', href: '/staff/settings/branding', roles: ['admin'] },
  { group: 'Settings', label: 'Approval', href: '/staff/settings/approval', roles: ['admin'] },
  { group: 'Settings', label: 'Tracking', href: '/staff/settings/tracking', roles: ['admin'] },
  { group: 'Settings', label: 'API tokens', href: '/staff/settings/api-tokens', roles: ['admin'] },
  {
    group: 'Settings',
    label: 'Organisations',
    href: '/staff/settings/organisations',
    installAdminOnly: true,
  },
  {
    group: 'Settings',
    label: 'Plugins',
    href: '/staff/settings/plugins',
    roles: ['admin'],
    installAdminsToo: true,
  },
  { group: 'Settings', label: 'Site', href: '/staff/settings/site', installAdminOnly: true },
  {
    group: 'Settings',
    label: 'Channels',
    href: '/staff/settings/channels',
    installAdminOnly: true,
  },
]

export interface NavGroup {
  name: StaffNavGroup
  links: { label: string; href: string }[]
}

/**
 * The staff navigation for one member of staff: the groups in order, each
 * with the core's and enabled plugins' links their role in the current
 * organisation may use; empty groups left out.
 */
export function staffNavigation(user: User, membership: Membership | null | undefined): NavGroup[] {
  const isInstallAdmin = user.isInstallAdmin === true
  const visible = (link: StaffPageAccess & { installAdminsToo?: boolean }) => {
    if (link.installAdminOnly) return isInstallAdmin
    if (link.installAdminsToo && isInstallAdmin) return true
    // Without a current organisation, only the links every member may use.
    if (!membership) return !link.roles
    return mayUse(link, {
      organisationId: membership.organisationId,
      role: membership.role,
      isInstallAdmin,
    })
  }
  const links = [...CORE_LINKS, ...pluginStaffPages.navEntries(membership?.organisationId)].filter(
    visible
  )
  return STAFF_NAV_GROUPS.map((name) => ({
    name,
    links: links.filter((link) => link.group === name).map(({ label, href }) => ({ label, href })),
  })).filter((group) => group.links.length > 0)
}
