import type { HttpContext } from '@adonisjs/core/http'
import { PRIORITIES } from '#contracts/priority'
import Alert from '#models/messaging/alert'
import AlertApproval from '#services/messaging/alert_approval'
import AlertSending, { SendRefusedError } from '#services/messaging/alert_sending'
import SchemeAlerts, { COORDINATOR_PRIORITIES } from '#services/messaging/scheme_alerts'
import AuditLogger from '#services/platform/audit/audit_logger'
import CoordinatorSchemes from '#services/residents/coordinators/coordinator_schemes'
import SchemeMemberList from '#services/residents/coordinators/scheme_member_list'
import { schemeAlertValidator } from '#validators/messaging/scheme_alert'

const priorityChoices = COORDINATOR_PRIORITIES.map((value) => ({ value, label: PRIORITIES[value] }))

/**
 * A coordinator writes an alert to their scheme's members: the audience is
 * the scheme and nothing else (SchemeAlerts), and it follows the
 * organisation's approval rule.
 */
export default class SchemeAlertsController {
  async create(ctx: HttpContext) {
    const { params, view, membership, bouncer, auth } = ctx
    await bouncer
      .with('SchemeCoordinationPolicy')
      .authorize('coordinate', membership.organisationId)
    const scheme = await CoordinatorSchemes.findFor(membership, Number(params.id))
    return view.render('pages/staff/coordination/alert', {
      scheme,
      priorities: priorityChoices,
      members: await SchemeMemberList.count(scheme.id, membership.organisationId),
      requiresApproval: await AlertApproval.requiresApproval(membership.organisationId),
      alerts: await SchemeAlerts.writtenFor(membership.organisationId, auth.user!.id, scheme.id),
    })
  }

  async store(ctx: HttpContext) {
    const { params, request, response, membership, bouncer, session, auth } = ctx
    await bouncer
      .with('SchemeCoordinationPolicy')
      .authorize('coordinate', membership.organisationId)
    const scheme = await CoordinatorSchemes.findFor(membership, Number(params.id))
    const content = await request.validateUsing(schemeAlertValidator)
    const priority = Number(request.input('priority'))
    const back = `/staff/my-schemes/${scheme.id}/alerts/new`
    if (!(COORDINATOR_PRIORITIES as readonly number[]).includes(priority)) {
      session.flashAll()
      session.flash('inputErrorsBag', { priority: ['Choose how important the alert is'] })
      return response.redirect().toPath(back)
    }
    let composed: Awaited<ReturnType<typeof SchemeAlerts.compose>>
    try {
      composed = await SchemeAlerts.compose(membership.organisationId, auth.user!, scheme, {
        ...content,
        priority,
      })
    } catch (error) {
      if (!(error instanceof SendRefusedError)) throw error
      session.flashAll()
      session.flash('error', error.message)
      return response.redirect().toPath(back)
    }
    await AuditLogger.record(ctx, {
      action: composed.outcome === 'sending' ? 'alert.sent' : 'alert.submitted',
      organisationId: membership.organisationId,
      subjectType: 'alert',
      subjectId: composed.alert.id,
      details: { schemeId: scheme.id, audience: composed.alert.audienceCount },
    })
    session.flash(
      'success',
      composed.outcome === 'sending'
        ? `Sending “${composed.alert.title}” to the members of ${scheme.name} has started.`
        : `“${composed.alert.title}” is waiting for approval. Once approved, send it from this page.`
    )
    return response.redirect().toPath(back)
  }

  /** Sending an alert an approver approved: the coordinator's own, to their scheme. */
  async send(ctx: HttpContext) {
    const { params, response, membership, bouncer, session, auth } = ctx
    await bouncer
      .with('SchemeCoordinationPolicy')
      .authorize('coordinate', membership.organisationId)
    const scheme = await CoordinatorSchemes.findFor(membership, Number(params.id))
    const alert = await Alert.query()
      .where('id', Number(params.alertId))
      .where('organisation_id', membership.organisationId)
      .where('author_id', auth.user!.id)
      .firstOrFail()
    if (!SchemeAlerts.isFor(alert, scheme.id)) return response.notFound('Not found')
    const back = `/staff/my-schemes/${scheme.id}/alerts/new`
    try {
      if (!(await AlertSending.start(alert))) {
        session.flash('error', 'This alert has already started sending.')
        return response.redirect().toPath(back)
      }
    } catch (error) {
      if (!(error instanceof SendRefusedError)) throw error
      session.flash('error', error.message)
      return response.redirect().toPath(back)
    }
    await AuditLogger.record(ctx, {
      action: 'alert.sent',
      organisationId: membership.organisationId,
      subjectType: 'alert',
      subjectId: alert.id,
      details: { schemeId: scheme.id, audience: alert.audienceCount },
    })
    session.flash('success', `Sending “${alert.title}” has started.`)
    return response.redirect().toPath(back)
  }
}
