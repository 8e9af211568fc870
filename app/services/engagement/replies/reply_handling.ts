import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type AlertReply from '#models/engagement/alert_reply'
import AlertReplyMessage from '#models/engagement/alert_reply_message'
import type User from '#models/platform/user'
import TransactionalMail from '#services/platform/infrastructure/transactional_mail'
import ReplyLinks from '#services/engagement/replies/reply_links'
import ReplyDirectory from '#services/engagement/replies/reply_directory'

export type AnswerOutcome = 'sent' | 'no_email' | 'closed'

/**
 * What staff do with a thread in their inbox. The thread is found in the
 * member's current organisation before any of this (ReplyDirectory.find).
 */
export default class ReplyHandling {
  /**
   * Gives the thread to one of the organisation's members who may use the
   * inbox, and answers who; null for anyone else.
   */
  static async assign(reply: AlertReply, userId: number) {
    const assignees = await ReplyDirectory.assignees(reply.organisationId)
    const assignee = assignees.find((member) => member.id === userId)
    if (!assignee) return null
    reply.assignedToId = userId
    if (reply.state === 'new') reply.state = 'assigned'
    await reply.save()
    return assignee
  }

  /**
   * Emails the answer to the resident's address on record, with a link to
   * write back, and adds it to the thread. A resident without an email
   * address cannot be answered here (nothing is recorded).
   */
  static async answer(reply: AlertReply, body: string, by: User): Promise<AnswerOutcome> {
    if (reply.state === 'closed') return 'closed'
    const resident = reply.resident
    if (!resident.email || resident.status === 'erased') return 'no_email'
    const now = DateTime.now()
    await db.transaction(async (trx) => {
      await AlertReplyMessage.create(
        { replyId: reply.id, author: 'staff', userId: by.id, via: 'staff', body, createdAt: now },
        { client: trx }
      )
      reply.useTransaction(trx)
      reply.merge({ state: 'answered', lastMessageAt: now })
      await reply.save()
    })
    const organisation = await db
      .from('organisations')
      .where('id', reply.organisationId)
      .select('name')
      .firstOrFail()
    // A report (Tell us something) has no alert to write back about: the resident quotes its reference.
    const report = reply.kind === 'report' ? `your report (reference R${reply.id})` : null
    await TransactionalMail.queue(
      resident.email,
      `${organisation.name} answered ${report ?? `your reply about “${reply.alert.title}”`}`,
      'reply_answer',
      {
        name: resident.name,
        organisationName: organisation.name,
        about: report ?? `your reply about the alert “${reply.alert.title}”`,
        answer: body,
        replyUrl: reply.alertId ? ReplyLinks.url(resident.id, reply.alertId) : null,
      }
    )
    return 'sent'
  }

  static async close(reply: AlertReply) {
    reply.state = 'closed'
    await reply.save()
  }

  /** Back to whoever it was assigned to, or new. */
  static async reopen(reply: AlertReply) {
    reply.state = reply.assignedToId ? 'assigned' : 'new'
    await reply.save()
  }
}
