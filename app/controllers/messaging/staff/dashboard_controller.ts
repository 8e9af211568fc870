import type { HttpContext } from '@adonisjs/core/http'
import Alert from '#models/messaging/alert'
import AlertApproval from '#services/messaging/alert_approval'
import SetupChecklist from '#services/platform/install/setup_checklist'
import { hasRole } from '#policies/platform/membership_roles'

const PER_PAGE = 20

export default class DashboardController {
  async index({ request, view, membership, bouncer, auth }: HttpContext) {
    const canList = await bouncer.with('AlertPolicy').allows('viewList', membership.organisationId)
    const search = String(request.input('q', '') ?? '')
      .trim()
      .slice(0, 100)
    const page = Math.max(1, Number(request.input('page', 1)) || 1)

    const alerts = canList
      ? await Alert.query()
          .where('organisation_id', membership.organisationId)
          .if(search, (query) => query.whereILike('title', `%${search}%`))
          .orderBy('created_at', 'desc')
          .orderBy('id', 'desc')
          .paginate(page, PER_PAGE)
      : null
    alerts?.baseUrl('/staff').queryString(search ? { q: search } : {})

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
      search,
      canList,
      awaitingApproval,
      checklist,
    })
  }
}
