import { type DateTime } from 'luxon'
import env from '#start/env'
import Alert from '#models/messaging/alert'
import type { AlertStatus } from '#models/messaging/alert'
import Organisation from '#models/platform/organisation'
import User from '#models/platform/user'
import AlertReview, { type ReviewAction } from '#models/messaging/alert_review'
import TransactionalMail from '#services/platform/infrastructure/transactional_mail'
import AlertStatusGuard from '#services/messaging/alert_status'
import JointAlerts from '#services/messaging/joint_alerts'
import { sqlTime } from '#services/platform/infrastructure/sql_time'
import LondonTime from '#services/platform/infrastructure/london_time'

/** A workflow rule refused the step; the message tells the member of staff why and what to do. */
export class WorkflowRefusal extends Error {}

export const SELF_APPROVAL_REFUSAL =
  'You cannot approve an alert you wrote or submitted. Ask another approver.'

/**
 * Approval, where an organisation requires it: a draft is submitted, then an
 * approver or admin other than its author approves it or returns it with a
 * comment. Each step is one conditional update, so two approvers acting at
 * once cannot both win.
 */
export default class AlertApproval {
  static async requiresApproval(organisationId: number) {
    const organisation = await Organisation.find(organisationId)
    return organisation?.requiresApproval ?? false
  }

  /** Why staff cannot send or schedule this alert now, or null when they can. */
  static async sendRefusal(alert: Alert) {
    // A joint alert waits for its co-signer, whatever its own organisation requires.
    const cosigner = await JointAlerts.refusal(alert)
    if (cosigner) return cosigner
    if (alert.status === 'approved') return null
    if (alert.status === 'draft' && !(await this.requiresApproval(alert.organisationId))) {
      return null
    }
    if (alert.status === 'draft' || alert.status === 'returned') {
      return 'Your organisation needs alerts approved before they are sent or scheduled. Submit it for approval first.'
    }
    if (alert.status === 'submitted') {
      return 'This alert is waiting for approval. It can be sent once an approver has approved it.'
    }
    return `This alert cannot be sent: it is ${alert.status}.`
  }

  /** What the alert page needs to show the workflow and its history. */
  static async pageState(alert: Alert, user: User) {
    return {
      requiresApproval: await this.requiresApproval(alert.organisationId),
      history: await this.history(alert.id),
      ownWork: this.isOwnWork(alert, user),
      scheduledFor: alert.scheduledAt ? LondonTime.describe(alert.scheduledAt) : null,
      historyTime: (at: DateTime) => LondonTime.short(at),
      example: LondonTime.now().plus({ days: 1 }),
    }
  }

  static isOwnWork(alert: Alert, user: User) {
    return alert.authorId === user.id || alert.submittedById === user.id
  }

  static async submit(alert: Alert, user: User) {
    if (!(await this.requiresApproval(alert.organisationId))) {
      throw new WorkflowRefusal(
        'Your organisation does not need alerts approved: you can send or schedule it yourself.'
      )
    }
    await this.#move(alert, ['draft', 'returned'], 'submitted', {
      submitted_at: sqlTime(),
      submitted_by_id: user.id,
      approved_at: null,
      approved_by_id: null,
      returned_comment: null,
    })
    await this.record(alert, user, 'submitted')
    const approvers = await this.approversFor(alert)
    for (const approver of approvers) {
      await TransactionalMail.queue(
        approver.email,
        `Alert waiting for your approval: ${alert.title}`,
        'approval_submitted',
        { name: approver.fullName, alert, submittedBy: user.fullName, url: this.#url(alert) }
      )
    }
    return approvers.length
  }

  static async withdraw(alert: Alert, user: User) {
    await this.#move(alert, ['submitted'], 'draft', {
      submitted_at: null,
      submitted_by_id: null,
    })
    await this.record(alert, user, 'withdrawn')
  }

  static async approve(alert: Alert, user: User) {
    if (this.isOwnWork(alert, user)) throw new WorkflowRefusal(SELF_APPROVAL_REFUSAL)
    await this.#move(alert, ['submitted'], 'approved', {
      approved_at: sqlTime(),
      approved_by_id: user.id,
    })
    await this.record(alert, user, 'approved')
    await this.#tellAuthors(alert, user, 'approval_approved', `Alert approved: ${alert.title}`)
  }

  static async return(alert: Alert, user: User, comment: string) {
    await this.#move(alert, ['submitted'], 'returned', { returned_comment: comment })
    await this.record(alert, user, 'returned', comment)
    await this.#tellAuthors(
      alert,
      user,
      'approval_returned',
      `Alert returned for changes: ${alert.title}`
    )
  }

  static async record(
    alert: Alert,
    user: User | null,
    action: ReviewAction,
    comment: string | null = null
  ) {
    await AlertReview.create({ alertId: alert.id, userId: user?.id ?? null, action, comment })
  }

  static history(alertId: number) {
    return AlertReview.query()
      .where('alert_id', alertId)
      .preload('user')
      .orderBy('created_at', 'asc')
      .orderBy('id', 'asc')
  }

  /** Approvers and admins of the organisation who may approve it: never its author or submitter. */
  static async approversFor(alert: Alert) {
    const users = await User.query()
      .whereHas('memberships', (membership) => {
        membership
          .where('organisation_id', alert.organisationId)
          .whereIn('role', ['admin', 'approver'])
      })
      .orderBy('id')
    return users.filter((user) => !this.isOwnWork(alert, user))
  }

  /** Alerts waiting for this user's approval (not their own). */
  static async waitingFor(user: User, organisationId: number) {
    return Alert.query()
      .where('organisation_id', organisationId)
      .where('status', 'submitted')
      .where((own) => own.whereNull('author_id').orWhereNot('author_id', user.id))
      .where((own) => own.whereNull('submitted_by_id').orWhereNot('submitted_by_id', user.id))
      .preload('author')
      .orderBy('submitted_at', 'asc')
      .limit(50)
  }

  static async #move(
    alert: Alert,
    from: AlertStatus[],
    to: AlertStatus,
    changes: Record<string, unknown>
  ) {
    const moved = await AlertStatusGuard.change(alert.id, {
      from,
      to,
      set: { ...changes, status_reason: null },
    })
    if (!moved) {
      await alert.refresh()
      throw new WorkflowRefusal(`This cannot be done now: the alert is ${alert.statusLabel}.`)
    }
    await alert.refresh()
  }

  static async #tellAuthors(alert: Alert, reviewer: User, template: string, subject: string) {
    const ids = [...new Set([alert.authorId, alert.submittedById])].filter(
      (id): id is number => id !== null && id !== reviewer.id
    )
    const people = ids.length ? await User.query().whereIn('id', ids) : []
    for (const person of people) {
      await TransactionalMail.queue(person.email, subject, template, {
        name: person.fullName,
        alert,
        reviewer: reviewer.fullName,
        comment: alert.returnedComment,
        url: this.#url(alert),
      })
    }
  }

  static #url(alert: Alert) {
    return `${env.get('APP_URL')}/staff/alerts/${alert.id}`
  }
}
