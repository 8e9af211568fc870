import type User from '#models/platform/user'
import type Alert from '#models/messaging/alert'
import CurrentOrganisationPolicy from '#policies/platform/current_organisation_policy'

const SENDING_ROLES = ['admin', 'approver', 'sender'] as const
const READERS = [...SENDING_ROLES, 'analyst'] as const

/** Checked against the organisation the person is working for, not every one they belong to. */
export default class AlertPolicy extends CurrentOrganisationPolicy {
  viewList(user: User, organisationId: number) {
    return this.allowedHere(user, organisationId, READERS)
  }

  view(user: User, alert: Alert) {
    return this.allowedHere(user, alert.organisationId, READERS)
  }

  create(user: User, organisationId: number) {
    return this.allowedHere(user, organisationId, SENDING_ROLES)
  }

  send(user: User, alert: Alert) {
    return this.allowedHere(user, alert.organisationId, SENDING_ROLES)
  }

  /** Submitting for approval, and withdrawing from it. */
  submit(user: User, alert: Alert) {
    return this.allowedHere(user, alert.organisationId, SENDING_ROLES)
  }

  /** Approving or returning; whether it is their own work is a rule of AlertApproval. */
  approve(user: User, alert: Alert) {
    return this.allowedHere(user, alert.organisationId, ['admin', 'approver'])
  }

  /** Spending past the organisation's monthly limit on a paid channel: its admins only. */
  approveSpend(user: User, alert: Alert) {
    return this.allowedHere(user, alert.organisationId, ['admin'])
  }

  schedule(user: User, alert: Alert) {
    return this.allowedHere(user, alert.organisationId, SENDING_ROLES)
  }

  /** The invitations to co-sign other organisations' alerts: the approvers and admins of the one invited. */
  viewCosignings(user: User, organisationId: number) {
    return this.allowedHere(user, organisationId, ['admin', 'approver'])
  }

  /**
   * Reading one invited draft and approving or declining it: only the
   * organisation invited to co-sign this alert, only its approvers and admins.
   */
  cosign(user: User, alert: Alert) {
    if (!alert.cosignerOrganisationId || !alert.cosignStatus) return false
    return this.allowedHere(user, alert.cosignerOrganisationId, ['admin', 'approver'])
  }

  /** A joint alert's delivery report: its organisation's readers, and the co-signer's once it approved. */
  viewReport(user: User, alert: Alert) {
    if (alert.isJoint && this.ctx.membership?.organisationId === alert.cosignerOrganisationId) {
      return this.allowedHere(user, alert.cosignerOrganisationId!, READERS)
    }
    return this.view(user, alert)
  }
}
