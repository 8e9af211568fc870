import type { HttpContext } from '@adonisjs/core/http'
import AlertApproval from '#services/messaging/alert_approval'
import AlertList, { ALERT_LIST_STATUSES, ALERT_SORTS } from '#services/messaging/alert_list'
import SetupChecklist from '#services/platform/install/setup_checklist'
import ListFilterMemory, { filledIn } from '#services/platform/site/list_filter_memory'
import { hasRole } from '#policies/platform/membership_roles'
import { alertListFiltersValidator } from '#validators/messaging/alert_list_filters'

export default class DashboardController {
  async index(ctx: HttpContext) {
    const { request, response, view, membership, bouncer, auth } = ctx
    // A coordinator's work is their schemes: their home page is the list of them.
    if (membership.role === 'coordinator') {
      ctx.session.reflash()
      return response.redirect().toPath('/staff/my-schemes')
    }
    const canList = await bouncer.with('AlertPolicy').allows('viewList', membership.organisationId)
    const remembered = canList ? ListFilterMemory.remembered(ctx, 'alerts', '/staff') : null
    if (remembered) return response.redirect().toPath(remembered)
    // An edited address with a wrong value gets the whole list, as the residents' list does.
    const [invalid, valid] = await request.tryValidateUsing(alertListFiltersValidator, {
      data: filledIn(request.qs()),
    })
    const { page, ...filters } = valid ?? {}
    const alerts = canList
      ? await AlertList.search(membership.organisationId, filters, page ?? 1)
      : null
    alerts?.baseUrl('/staff').queryString(filters)
    if (canList) ListFilterMemory.remember(ctx, 'alerts', filters)
    const filtered = Object.keys(filters).some((name) => name !== 'sort')

    const awaitingApproval = hasRole(auth.user!, membership.organisationId, ['admin', 'approver'])
      ? await AlertApproval.waitingFor(auth.user!, membership.organisationId)
      : []

    const checklist = await SetupChecklist.forOrganisation(membership.organisationId, {
      installAdmin: await bouncer.with('InstallPolicy').allows('manage'),
      organisationAdmin: await bouncer
        .with('TeamPolicy')
        .allows('manage', membership.organisationId),
      organisationName: membership.organisation.name,
    })

    return view.render('pages/staff/dashboard', {
      alerts,
      filters,
      filtered,
      search: filters.q ?? '',
      unrecognisedFilter: invalid !== null,
      statuses: ALERT_LIST_STATUSES,
      sorts: ALERT_SORTS,
      canList,
      awaitingApproval,
      checklist,
    })
  }
}
