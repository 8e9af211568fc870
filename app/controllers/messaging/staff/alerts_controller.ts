import type { HttpContext } from '@adonisjs/core/http'
import Alert from '#models/messaging/alert'
import { UNSENT_STATUSES } from '#models/messaging/alert'
import Area from '#models/areas/area'
import AudienceCount from '#services/targeting/audience_count'
import AlertProgress from '#services/messaging/delivery/alert_progress'
import AlertApproval from '#services/messaging/alert_approval'
import { categoryLabel } from '#services/messaging/alert_categories'
import AlertCostEstimates, { pounds } from '#services/messaging/alert_cost_estimates'
import AlertAudienceBreakdown from '#services/messaging/alert_audience_breakdown'
import AlertSendWarnings from '#services/messaging/alert_send_warnings'
import AlertSpendApproval from '#services/messaging/alert_spend_approval'
import alertPageSections from '#services/messaging/alert_page_sections'
import AlertDrafts from '#services/messaging/alert_drafts'
import JointAlerts from '#services/messaging/joint_alerts'
import IncidentOverlaps, { INCIDENT_WINDOW_HOURS } from '#services/messaging/incident_overlaps'
import LondonTime from '#services/platform/infrastructure/london_time'

/** The alert's page: its content, workflow and target, then its progress while it sends. */
export default class AlertsController {
  async show({ params, view, bouncer, auth, request }: HttpContext) {
    const alert = await Alert.query().where('id', params.id).preload('author').firstOrFail()
    await bouncer.with('AlertPolicy').authorize('view', alert)
    const workflow = {
      ...(await AlertApproval.pageState(alert, auth.user!)),
      canSubmit: await bouncer.with('AlertPolicy').allows('submit', alert),
      canApprove: await bouncer.with('AlertPolicy').allows('approve', alert),
      canSchedule: await bouncer.with('AlertPolicy').allows('schedule', alert),
    }

    const areas = await Area.query().whereIn('id', alert.criteria.areaIds).orderBy('name')
    const audience = UNSENT_STATUSES.includes(alert.status)
      ? await AudienceCount.total({
          organisationId: alert.organisationId,
          priority: alert.priority,
          criteria: alert.criteria,
        })
      : null
    const costs = audience ? await AlertCostEstimates.of(alert) : []
    const breakdown = audience ? await AlertAudienceBreakdown.of(alert) : null
    await alert.load('organisation')
    const sendWarnings = audience ? AlertSendWarnings.for(alert.organisation, audience) : []
    const incident = UNSENT_STATUSES.includes(alert.status)
      ? await IncidentOverlaps.forDraft(alert)
      : []
    const overlaps = incident.map((overlap) => ({
      ...overlap,
      ago: overlap.at.setLocale('en-GB').toRelative(),
      when: LondonTime.short(overlap.at),
    }))
    const spend = {
      ...(await AlertSpendApproval.state(alert, costs)),
      canApprove: await bouncer.with('AlertPolicy').allows('approveSpend', alert),
    }
    const progress = await AlertProgress.of(alert.id)
    const failures = progress.failed > 0 ? await AlertProgress.failures(alert.id) : []
    const canSend = await bouncer.with('AlertPolicy').allows('send', alert)
    const joint = await JointAlerts.pageState(alert)
    // Later modules' parts of the page (what residents thought of the alert), once it has gone out.
    const sections = UNSENT_STATUSES.includes(alert.status)
      ? []
      : await alertPageSections.parts({
          alertId: alert.id,
          organisationId: alert.organisationId,
          query: request.qs(),
        })
    return view.render('pages/staff/alerts/show', {
      sections,
      alert,
      categoryLabel: categoryLabel(alert.category),
      areas,
      audience,
      costs,
      breakdown,
      sendWarnings,
      overlaps,
      overlapWindowHours: INCIDENT_WINDOW_HOURS,
      editable: AlertDrafts.isEditable(alert),
      spend,
      pounds,
      progress,
      failures,
      canSend,
      workflow,
      joint,
    })
  }

  async progress({ params, response, bouncer }: HttpContext) {
    const alert = await Alert.findOrFail(params.id)
    await bouncer.with('AlertPolicy').authorize('view', alert)
    const counts = await AlertProgress.of(alert.id)
    return response.json({ status: alert.status, statusReason: alert.statusReason, ...counts })
  }
}
