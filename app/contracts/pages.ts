import type { HttpContext } from '@adonisjs/core/http'

/**
 * Staff pages: a plugin's own pages inside the staff area, behind the same
 * sign-in (password and two-factor code), roles and organisation scoping as
 * the core's, and answering 404 while the plugin is disabled (for the
 * member's organisation too, where the plugin is switched per organisation).
 * Its navigation entries show only where it is enabled.
 *
 * Pages live under /staff/plugins/<id>/… and are rendered with the core's
 * staff layout: a plugin view starts with `@layout({ title: 'Sync', staff: true })`
 * and fills `@slot('main')`, as the core's pages do.
 *
 * @example
 * context.staffPages(
 *   (pages) => {
 *     pages.get('/', async ({ view }, staff) =>
 *       view.render('nhw::staff/sync', { organisationId: staff.organisationId })
 *     )
 *     pages.post('/run', async ({ response }, staff) => response.redirect('back'), {
 *       roles: ['admin'],
 *     })
 *   },
 *   { roles: ['admin', 'officer'], nav: [{ group: 'Residents', label: 'Watch sync', path: '/' }] }
 * )
 */

/**
 * A member of staff's role in an organisation (the core's roles, app/policies). A coordinator
 * sees only their own watch schemes: a page or link that names no roles is not theirs.
 */
export type StaffRole = 'admin' | 'approver' | 'sender' | 'officer' | 'analyst' | 'coordinator'

/** The staff navigation's groups, in the order they are shown. */
export const STAFF_NAV_GROUPS = ['Alerts', 'Residents', 'Areas', 'Reports', 'Settings'] as const
export type StaffNavGroup = (typeof STAFF_NAV_GROUPS)[number]

/** Who is asking, and for which organisation: every query a page makes is scoped to organisationId. */
export interface StaffScope {
  userId: number
  /** The organisation the member of staff is working for (their choice under "Switch organisation"). */
  organisationId: number
  role: StaffRole
  isInstallAdmin: boolean
}

export type StaffPageHandler = (ctx: HttpContext, staff: StaffScope) => unknown

export interface StaffPageAccess {
  /**
   * Roles in the current organisation that may open the page. Omitted: the pages' default, or
   * every role but coordinator.
   */
  roles?: StaffRole[]
  /** Install admins only (install-wide pages), whatever their role. */
  installAdminOnly?: boolean
}

/** The one file an upload form takes (added with plugins/neighbourhood-watch). */
export interface StaffUploadRule {
  /** The file input's name: the handler reads the file with `ctx.request.file(field)`. */
  field: string
  /** The largest file accepted, as '2mb'. */
  maxSize: string
  /** What staff are told when the file is larger, shown by the field (`inputErrorsBag`). */
  tooLarge: string
}

/** Declares pages; paths are relative to /staff/plugins/<id>. Forms post with {{ csrfField() }}. */
export interface StaffPageRouter {
  get(path: string, handler: StaffPageHandler, access?: StaffPageAccess): void
  post(path: string, handler: StaffPageHandler, access?: StaffPageAccess): void
  /**
   * A form that takes a file (`enctype="multipart/form-data"`, with `{{ csrfField() }}`): its
   * body is read only once the member's sign-in and role are checked, no more than
   * `rule.maxSize` of it, then its CSRF token is checked, as the core's own upload forms do.
   * The file is removed when the answer is sent: read it in the handler.
   */
  upload(
    path: string,
    handler: StaffPageHandler,
    rule: StaffUploadRule,
    access?: StaffPageAccess
  ): void
}

export interface StaffNavEntry extends StaffPageAccess {
  group: StaffNavGroup
  label: string
  /** Relative to /staff/plugins/<id>, e.g. '/' or '/reports/monthly'. */
  path: string
}

export interface StaffPagesOptions extends StaffPageAccess {
  /** Entries in the staff navigation, shown only to those whose role may use them. */
  nav?: StaffNavEntry[]
}
