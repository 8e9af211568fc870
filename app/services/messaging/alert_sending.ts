import { DateTime } from 'luxon'
import emitter from '@adonisjs/core/services/emitter'
import type Alert from '#models/messaging/alert'
import AudienceCount from '#services/targeting/audience_count'
import AlertStatusGuard from '#services/messaging/alert_status'
import DeliveryJobs from '#services/messaging/delivery/delivery_jobs'
import AlertApproval from '#services/messaging/alert_approval'
import JointAlerts from '#services/messaging/joint_alerts'
import AlertSpendApproval from '#services/messaging/alert_spend_approval'
import OrganisationSuspension from '#services/platform/organisations/organisation_suspension'
import { sqlTime } from '#services/platform/infrastructure/sql_time'
import { withNewVerificationCode } from '#services/messaging/verification/verification_codes'

/** A rule refused the send; the message says why, for the member of staff. */
export class SendRefusedError extends Error {}

export class EmptyAudienceError extends SendRefusedError {
  constructor() {
    super('No confirmed resident matches this target, so the alert was not sent.')
  }
}

/**
 * Starts the send of a saved message: the dispatch job does the rest.
 */
export default class AlertSending {
  /**
   * Staff send a draft (or, where the organisation requires approval, an
   * approved alert); the scheduler sends a scheduled one when it is due.
   * Returns false when another request or worker started it first.
   */
  static async start(alert: Alert, options: { scheduled?: boolean } = {}) {
    const from = options.scheduled ? ['scheduled'] : ['draft', 'approved']
    if (!from.includes(alert.status)) {
      throw new SendRefusedError(`This alert cannot be sent: it is ${alert.status}.`)
    }
    // Every way into a send comes here: staff, approval, the API and a scheduled send coming due.
    const suspended = await OrganisationSuspension.refusal(alert.organisationId)
    if (suspended) throw new SendRefusedError(suspended)
    if (!options.scheduled) {
      const refusal = await AlertApproval.sendRefusal(alert)
      if (refusal) throw new SendRefusedError(refusal)
    }
    // Checked again when a scheduled send comes due: a joint alert goes only with its co-signer's approval.
    const cosigner = await JointAlerts.refusal(alert)
    if (cosigner) throw new SendRefusedError(cosigner)
    // Checked again when a scheduled send comes due: the month's spending may have grown since.
    const overspend = await AlertSpendApproval.refusal(alert)
    if (overspend) throw new SendRefusedError(overspend)
    const audience = await AudienceCount.total({
      organisationId: alert.organisationId,
      priority: alert.priority,
      criteria: alert.criteria,
    })
    if (audience === 0) throw new EmptyAudienceError()

    // Only one caller moves the status on: a double click, or two workers finding the same due send.
    const now = DateTime.now()
    // The public reference code residents check at /verify is given here, with the send.
    const started = await withNewVerificationCode((code) =>
      AlertStatusGuard.change(alert.id, {
        from: alert.status,
        to: 'sending',
        set: {
          audience_count: audience,
          send_requested_at: sqlTime(now),
          status_reason: null,
          verification_code: alert.verificationCode ?? code,
        },
      })
    )
    if (!started) return false
    await alert.refresh()
    await DeliveryJobs.dispatch(alert.id)
    await emitter.emit('alert:sent', {
      alertId: alert.id,
      organisationId: alert.organisationId,
    })
    return true
  }
}
