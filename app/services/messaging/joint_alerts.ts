import db from '@adonisjs/lucid/services/db'
import env from '#start/env'
import Alert, { type AlertStatus } from '#models/messaging/alert'
import Organisation from '#models/platform/organisation'
import User from '#models/platform/user'
import TransactionalMail from '#services/platform/infrastructure/transactional_mail'
import AlertStatusGuard from '#services/messaging/alert_status'
import { EDITABLE_STATUSES } from '#services/messaging/alert_drafts'
import { sqlTime } from '#services/platform/infrastructure/sql_time'
import AuditLogger from '#services/platform/audit/audit_logger'

type AuditContext = Parameters<typeof AuditLogger.record>[0]

/** A co-signing step refused; the message tells the member of staff why. */
export class JointAlertRefusal extends Error {}

/** Before the send: while the co-signer may still approve or decline. */
const DECIDABLE_STATUSES: AlertStatus[] = ['draft', 'submitted', 'returned', 'approved']

/**
 * Joint alerts: the alert's organisation invites another on the install to
 * co-sign a draft; the co-signer's approvers and admins read it (that draft
 * only) and approve or decline it with a reason. It goes out only once they
 * have approved, in both names, to residents consenting to either (the
 * criteria carry the co-signer). A change to the draft after they approved
 * asks them again (AlertDrafts.update).
 */
export default class JointAlerts {
  /** Other organisations of the install this alert's organisation may invite. */
  static invitable(organisationId: number) {
    return Organisation.query()
      .whereNot('id', organisationId)
      .whereNull('suspended_at')
      .orderBy('name')
  }

  /** What the alert's own page shows: the co-signer and where they stand, or whom it may invite. */
  static async pageState(alert: Alert) {
    await alert.load('cosignerOrganisation')
    return {
      cosigner: alert.cosignerOrganisationId ? alert.cosignerOrganisation : null,
      invitable: alert.cosignerOrganisationId ? [] : await this.invitable(alert.organisationId),
    }
  }

  static async invite(alert: Alert, organisationId: number, user: User) {
    if (organisationId === alert.organisationId) {
      throw new JointAlertRefusal('Choose another organisation: yours already signs this alert.')
    }
    const cosigner = await this.invitable(alert.organisationId).where('id', organisationId).first()
    if (!cosigner) throw new JointAlertRefusal('Choose an organisation from the list.')
    const invited = await AlertStatusGuard.updateWhile(alert.id, EDITABLE_STATUSES, {
      cosigner_organisation_id: cosigner.id,
      cosign_status: 'invited',
      cosign_reason: null,
      cosign_invited_by_id: user.id,
      cosign_invited_at: sqlTime(),
      cosign_decided_by_id: null,
      cosign_decided_at: null,
      criteria: JSON.stringify({ ...alert.criteria, cosigningOrganisationIds: [cosigner.id] }),
    })
    if (!invited) {
      throw new JointAlertRefusal('This alert can no longer be changed: it has moved on.')
    }
    await alert.refresh()
    await this.askCosigner(alert, user)
    return cosigner
  }

  /** The owner takes the invitation back: the alert is theirs alone again. */
  static async removeCosigner(alert: Alert) {
    const criteria = { ...alert.criteria }
    delete criteria.cosigningOrganisationIds
    const removed = await AlertStatusGuard.updateWhile(alert.id, EDITABLE_STATUSES, {
      cosigner_organisation_id: null,
      cosign_status: null,
      cosign_reason: null,
      cosign_decided_by_id: null,
      cosign_decided_at: null,
      criteria: JSON.stringify(criteria),
    })
    if (!removed) {
      throw new JointAlertRefusal('This alert can no longer be changed: it has moved on.')
    }
    await alert.refresh()
  }

  static approve(alert: Alert, user: User) {
    return this.#decide(alert, user, 'approved', null)
  }

  static decline(alert: Alert, user: User, reason: string) {
    return this.#decide(alert, user, 'declined', reason)
  }

  /** Why the alert cannot be sent or scheduled yet for want of its co-signer, or null. */
  static async refusal(alert: Alert) {
    if (!alert.cosignerOrganisationId || alert.cosignStatus === 'approved') return null
    const cosigner = await Organisation.find(alert.cosignerOrganisationId)
    const name = cosigner?.name ?? 'The co-signing organisation'
    return alert.cosignStatus === 'declined'
      ? `${name} declined to co-sign this alert. Change it and invite them again, or remove them as co-signer.`
      : `${name} has not approved this joint alert yet. It can be sent once they have.`
  }

  /** Invitations waiting for this organisation, then those it decided, newest first. */
  static invitationsFor(organisationId: number, page: number) {
    return Alert.query()
      .where('cosigner_organisation_id', organisationId)
      .whereNotNull('cosign_status')
      .preload('organisation')
      .orderByRaw("CASE WHEN cosign_status = 'invited' THEN 0 ELSE 1 END")
      .orderBy('cosign_invited_at', 'desc')
      .orderBy('id', 'desc')
      .paginate(page, 25)
  }

  /**
   * After a change to a draft the co-signer had approved: when the change
   * withdrew their approval, audits it on both sides and asks them again.
   */
  static async askAgainIfWithdrawn(ctx: AuditContext, alert: Alert) {
    await alert.refresh()
    if (alert.cosignStatus !== 'invited') return false
    await this.audit(ctx, alert, 'alert.cosign_approval_withdrawn')
    await this.askCosigner(alert, ctx.auth.user as User, true)
    return true
  }

  /** Recorded in both organisations' audit logs: each sees what happened to the joint alert. */
  static async audit(
    ctx: AuditContext,
    alert: Alert,
    action: string,
    details: Record<string, unknown> = {}
  ) {
    const organisations = [alert.organisationId, alert.cosignerOrganisationId]
    for (const organisationId of new Set(organisations.filter((id) => id !== null))) {
      await AuditLogger.record(ctx, {
        action,
        organisationId,
        subjectType: 'alert',
        subjectId: alert.id,
        details: { ownerOrganisationId: alert.organisationId, ...details },
      })
    }
  }

  /** Emails the co-signer's approvers and admins: a new invitation, or the same draft changed. */
  static async askCosigner(alert: Alert, by: User, changed = false) {
    if (!alert.cosignerOrganisationId) return
    const owner = await Organisation.findOrFail(alert.organisationId)
    for (const approver of await this.#approversOf(alert.cosignerOrganisationId)) {
      await TransactionalMail.queue(
        approver.email,
        changed
          ? `Joint alert changed, please approve it again: ${alert.title}`
          : `${owner.name} invites you to co-sign an alert: ${alert.title}`,
        'joint_alert_invited',
        {
          name: approver.fullName,
          alert,
          owner: owner.name,
          invitedBy: by.fullName,
          changed,
          url: `${env.get('APP_URL')}/staff/joint-alerts/${alert.id}`,
        }
      )
    }
  }

  static async #decide(
    alert: Alert,
    user: User,
    decision: 'approved' | 'declined',
    reason: string | null
  ) {
    // One conditional update: two of the co-signer's approvers acting at once cannot both decide.
    const decided = await db
      .from('alerts')
      .where('id', alert.id)
      .where('cosigner_organisation_id', alert.cosignerOrganisationId ?? 0)
      .where('cosign_status', 'invited')
      .whereIn('status', DECIDABLE_STATUSES)
      .update({
        cosign_status: decision,
        cosign_reason: reason,
        cosign_decided_by_id: user.id,
        cosign_decided_at: sqlTime(),
        updated_at: sqlTime(),
      })
    await alert.refresh()
    if (Number(decided) === 0) {
      throw new JointAlertRefusal(
        'This invitation cannot be answered now: it was answered already, withdrawn, or the alert has been sent.'
      )
    }
    await this.#tellOwner(alert, user, decision)
  }

  static async #tellOwner(alert: Alert, by: User, decision: 'approved' | 'declined') {
    const cosigner = await Organisation.findOrFail(alert.cosignerOrganisationId!)
    const ids = [...new Set([alert.authorId, alert.cosignInvitedById])].filter(
      (id): id is number => id !== null
    )
    const people = ids.length ? await User.query().whereIn('id', ids) : []
    for (const person of people) {
      await TransactionalMail.queue(
        person.email,
        `${cosigner.name} ${decision === 'approved' ? 'approved' : 'declined'} your joint alert: ${alert.title}`,
        'joint_alert_decided',
        {
          name: person.fullName,
          alert,
          cosigner: cosigner.name,
          decidedBy: by.fullName,
          approved: decision === 'approved',
          reason: alert.cosignReason,
          url: `${env.get('APP_URL')}/staff/alerts/${alert.id}`,
        }
      )
    }
  }

  static #approversOf(organisationId: number) {
    return User.query()
      .whereHas('memberships', (membership) => {
        membership.where('organisation_id', organisationId).whereIn('role', ['admin', 'approver'])
      })
      .orderBy('id')
  }
}
