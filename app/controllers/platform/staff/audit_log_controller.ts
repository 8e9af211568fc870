import type { HttpContext } from '@adonisjs/core/http'
import AuditLogList, { AUDIT_SORTS } from '#services/platform/audit/audit_log_list'
import ListFilterMemory, { filledIn } from '#services/platform/site/list_filter_memory'
import LondonTime from '#services/platform/infrastructure/london_time'
import { auditLogFiltersValidator } from '#validators/platform/audit_log_filters'

/** Reports → Audit log: what was done in the organisation, by whom and when (its admins). */
export default class AuditLogController {
  async index(ctx: HttpContext) {
    const { request, response, view, membership, bouncer } = ctx
    await bouncer.with('SettingsPolicy').authorize('manage', membership.organisationId)
    const remembered = ListFilterMemory.remembered(ctx, 'audit', '/staff/audit-log')
    if (remembered) return response.redirect().toPath(remembered)
    const [invalid, valid] = await request.tryValidateUsing(auditLogFiltersValidator, {
      data: filledIn(request.qs()),
    })
    const { page, ...filters } = valid ?? {}
    const { entries, names } = await AuditLogList.search(
      membership.organisationId,
      filters,
      page ?? 1
    )
    entries.baseUrl('/staff/audit-log').queryString(filters)
    ListFilterMemory.remember(ctx, 'audit', filters)
    const actions = await AuditLogList.actions(membership.organisationId)
    return view.render('pages/staff/audit_log/index', {
      entries: entries.all().map((entry) => ({
        when: LondonTime.short(entry.createdAt),
        who:
          entry.userId === null
            ? 'Beacon itself'
            : (names.get(entry.userId) ?? 'A former member of staff'),
        action: AuditLogList.describe(entry.action),
        subject: entry.subjectType ? `${entry.subjectType} ${entry.subjectId ?? ''}`.trim() : '',
        details: entry.details ? JSON.stringify(entry.details) : '',
      })),
      paginator: entries,
      filters,
      filtered: Object.keys(filters).some((name) => name !== 'sort'),
      unrecognisedFilter: invalid !== null,
      actions: actions.map((action) => ({
        value: action,
        label: AuditLogList.describe(action),
      })),
      sorts: AUDIT_SORTS,
    })
  }
}
