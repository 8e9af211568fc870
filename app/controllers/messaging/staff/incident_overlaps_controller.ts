import type { HttpContext } from '@adonisjs/core/http'
import Alert from '#models/messaging/alert'
import AlertDrafts from '#services/messaging/alert_drafts'
import JointAlerts from '#services/messaging/joint_alerts'
import IncidentOverlaps from '#services/messaging/incident_overlaps'
import AuditLogger from '#services/platform/audit/audit_logger'

/**
 * One alert per incident: the sender leaves out of their draft the residents
 * another organisation's alert about the same thing already reached, or
 * includes them again.
 */
export default class IncidentOverlapsController {
  async leaveOut(ctx: HttpContext) {
    return this.#change(ctx, true)
  }

  async include(ctx: HttpContext) {
    return this.#change(ctx, false)
  }

  async #change(ctx: HttpContext, leaveOut: boolean) {
    const { params, bouncer, session, response } = ctx
    const alert = await Alert.findOrFail(params.id)
    await bouncer.with('AlertPolicy').authorize('create', alert.organisationId)
    const back = () => response.redirect().toRoute('staff.alerts.show', { id: alert.id })
    if (!AlertDrafts.isEditable(alert)) {
      session.flash('error', `This alert can no longer be changed: it is ${alert.status}.`)
      return back()
    }
    const otherId = Number(params.otherId)
    const overlaps = await IncidentOverlaps.forDraft(alert)
    const overlap = overlaps.find((one) => one.alert.id === otherId && one.state === 'sent')
    const excluded = alert.criteria.excludeRecipientsOf ?? []
    // Including again needs only that it is left out now (the other alert may have aged out of the window).
    if (leaveOut ? !overlap : !excluded.includes(otherId)) {
      session.flash('error', 'That alert is not one this alert can leave its residents out for.')
      return back()
    }
    const next = leaveOut
      ? [...new Set([...excluded, otherId])]
      : excluded.filter((id) => id !== otherId)
    const cosignerApproved = alert.cosignStatus === 'approved'
    const changed = await AlertDrafts.setCriteria(alert, {
      ...alert.criteria,
      excludeRecipientsOf: next.length ? next : undefined,
    })
    if (!changed) {
      session.flash(
        'error',
        'This alert can no longer be changed: it has moved on since you opened it.'
      )
      return back()
    }
    await AuditLogger.record(ctx, {
      action: leaveOut ? 'alert.overlap_left_out' : 'alert.overlap_included',
      organisationId: alert.organisationId,
      subjectType: 'alert',
      subjectId: alert.id,
      details: { otherAlertId: otherId },
    })
    // A joint alert's audience changed: its co-signer is asked again.
    if (cosignerApproved) await JointAlerts.askAgainIfWithdrawn(ctx, alert)
    session.flash(
      'success',
      leaveOut
        ? 'The residents the other alert reached are left out of this one.'
        : 'The residents the other alert reached will get this one too.'
    )
    return back()
  }
}
