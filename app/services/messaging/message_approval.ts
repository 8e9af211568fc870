import { type DateTime } from 'luxon'
import env from '#start/env'
import Message from '#models/messaging/message'
import type { MessageStatus } from '#models/messaging/message'
import Organisation from '#models/platform/organisation'
import User from '#models/platform/user'
import MessageReview, { type ReviewAction } from '#models/messaging/message_review'
import TransactionalMail from '#services/platform/transactional_mail'
import AlertStatus from '#services/messaging/alert_status'
import { sqlTime } from '#services/platform/sql_time'
import LondonTime from '#services/platform/london_time'

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
export default class MessageApproval {
  static async requiresApproval(organisationId: number) {
    const organisation = await Organisation.find(organisationId)
    return organisation?.requiresApproval ?? false
  }

  /** Why staff cannot send or schedule this alert now, or null when they can. */
  static async sendRefusal(message: Message) {
    if (message.status === 'approved') return null
    if (message.status === 'draft' && !(await this.requiresApproval(message.organisationId))) {
      return null
    }
    if (message.status === 'draft' || message.status === 'returned') {
      return 'Your organisation needs alerts approved before they are sent or scheduled. Submit it for approval first.'
    }
    if (message.status === 'submitted') {
      return 'This alert is waiting for approval. It can be sent once an approver has approved it.'
    }
    return `This alert cannot be sent: it is ${message.status}.`
  }

  /** What the message page needs to show the workflow and its history. */
  static async pageState(message: Message, user: User) {
    return {
      requiresApproval: await this.requiresApproval(message.organisationId),
      history: await this.history(message.id),
      ownWork: this.isOwnWork(message, user),
      scheduledFor: message.scheduledAt ? LondonTime.describe(message.scheduledAt) : null,
      historyTime: (at: DateTime) => LondonTime.short(at),
      example: LondonTime.now().plus({ days: 1 }),
    }
  }

  static isOwnWork(message: Message, user: User) {
    return message.authorId === user.id || message.submittedById === user.id
  }

  static async submit(message: Message, user: User) {
    if (!(await this.requiresApproval(message.organisationId))) {
      throw new WorkflowRefusal(
        'Your organisation does not need alerts approved: you can send or schedule it yourself.'
      )
    }
    await this.#move(message, ['draft', 'returned'], 'submitted', {
      submitted_at: sqlTime(),
      submitted_by_id: user.id,
      approved_at: null,
      approved_by_id: null,
      returned_comment: null,
    })
    await this.record(message, user, 'submitted')
    const approvers = await this.approversFor(message)
    for (const approver of approvers) {
      await TransactionalMail.queue(
        approver.email,
        `Alert waiting for your approval: ${message.title}`,
        'approval_submitted',
        { name: approver.fullName, message, submittedBy: user.fullName, url: this.#url(message) }
      )
    }
    return approvers.length
  }

  static async withdraw(message: Message, user: User) {
    await this.#move(message, ['submitted'], 'draft', {
      submitted_at: null,
      submitted_by_id: null,
    })
    await this.record(message, user, 'withdrawn')
  }

  static async approve(message: Message, user: User) {
    if (this.isOwnWork(message, user)) throw new WorkflowRefusal(SELF_APPROVAL_REFUSAL)
    await this.#move(message, ['submitted'], 'approved', {
      approved_at: sqlTime(),
      approved_by_id: user.id,
    })
    await this.record(message, user, 'approved')
    await this.#tellAuthors(message, user, 'approval_approved', `Alert approved: ${message.title}`)
  }

  static async return(message: Message, user: User, comment: string) {
    await this.#move(message, ['submitted'], 'returned', { returned_comment: comment })
    await this.record(message, user, 'returned', comment)
    await this.#tellAuthors(
      message,
      user,
      'approval_returned',
      `Alert returned for changes: ${message.title}`
    )
  }

  static async record(
    message: Message,
    user: User | null,
    action: ReviewAction,
    comment: string | null = null
  ) {
    await MessageReview.create({ messageId: message.id, userId: user?.id ?? null, action, comment })
  }

  static history(messageId: number) {
    return MessageReview.query()
      .where('message_id', messageId)
      .preload('user')
      .orderBy('created_at', 'asc')
      .orderBy('id', 'asc')
  }

  /** Approvers and admins of the organisation who may approve it: never its author or submitter. */
  static async approversFor(message: Message) {
    const users = await User.query()
      .whereHas('memberships', (membership) => {
        membership
          .where('organisation_id', message.organisationId)
          .whereIn('role', ['admin', 'approver'])
      })
      .orderBy('id')
    return users.filter((user) => !this.isOwnWork(message, user))
  }

  /** Alerts waiting for this user's approval (not their own). */
  static async waitingFor(user: User, organisationId: number) {
    return Message.query()
      .where('organisation_id', organisationId)
      .where('status', 'submitted')
      .where((own) => own.whereNull('author_id').orWhereNot('author_id', user.id))
      .where((own) => own.whereNull('submitted_by_id').orWhereNot('submitted_by_id', user.id))
      .preload('author')
      .orderBy('submitted_at', 'asc')
      .limit(50)
  }

  static async #move(
    message: Message,
    from: MessageStatus[],
    to: MessageStatus,
    changes: Record<string, unknown>
  ) {
    const moved = await AlertStatus.change(message.id, {
      from,
      to,
      set: { ...changes, status_reason: null },
    })
    if (!moved) {
      await message.refresh()
      throw new WorkflowRefusal(`This cannot be done now: the alert is ${message.statusLabel}.`)
    }
    await message.refresh()
  }

  static async #tellAuthors(message: Message, reviewer: User, template: string, subject: string) {
    const ids = [...new Set([message.authorId, message.submittedById])].filter(
      (id): id is number => id !== null && id !== reviewer.id
    )
    const people = ids.length ? await User.query().whereIn('id', ids) : []
    for (const person of people) {
      await TransactionalMail.queue(person.email, subject, template, {
        name: person.fullName,
        message,
        reviewer: reviewer.fullName,
        comment: message.returnedComment,
        url: this.#url(message),
      })
    }
  }

  static #url(message: Message) {
    return `${env.get('APP_URL')}/staff/messages/${message.id}`
  }
}
