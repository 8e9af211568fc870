import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type AlertReply from '#models/engagement/alert_reply'
import AlertReplyMessage from '#models/engagement/alert_reply_message'
import type User from '#models/platform/user'
import TransactionalMail from '#services/platform/infrastructure/transactional_mail'
import ReplyLinks from '#services/engagement/replies/reply_links'
import ReplyDirectory from '#services/engagement/replies/reply_directory'
import replyAnswerers from '#services/engagement/replies/reply_answerers'
import ReplyAddresses from '#services/engagement/replies/reply_addresses'
import type { ReplyAnswerer } from '#contracts/replies'

export type AnswerOutcome = 'sent' | 'texted' | 'no_email' | 'closed' | { notSent: string }

/** How an answer to the thread would reach the resident, as staff are told before they write. */
export type AnswerRoute =
  { via: 'email'; to: string } | { via: 'sms'; to: string; answerer: ReplyAnswerer } | null

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
   * By the channel the resident last wrote by when a plugin answers on it (a
   * text by text), else by email; null when neither can reach them.
   */
  static async route(reply: AlertReply): Promise<AnswerRoute> {
    const resident = reply.resident
    if (resident.status === 'erased') return null
    const latest = await AlertReplyMessage.query()
      .where('reply_id', reply.id)
      .where('author', 'resident')
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .first()
    const answerer = latest ? replyAnswerers.for(latest.via, reply.organisationId) : null
    const to = answerer ? await answerer.addressOf(resident.id) : null
    if (answerer && to) return { via: 'sms', to, answerer }
    return resident.email ? { via: 'email', to: resident.email } : null
  }

  /**
   * Sends the answer the way route() says (an email has a link to write
   * back) and adds it to the thread. A resident who cannot be reached, or a
   * text the provider refused, records nothing.
   */
  static async answer(reply: AlertReply, body: string, by: User): Promise<AnswerOutcome> {
    if (reply.state === 'closed') return 'closed'
    const resident = reply.resident
    const route = await this.route(reply)
    if (!route) return 'no_email'
    const organisation = await db
      .from('organisations')
      .where('id', reply.organisationId)
      .select('name')
      .firstOrFail()
    // A report (Tell us something) has no alert to write back about: the resident quotes its reference.
    const report = reply.kind === 'report' ? `your report (reference R${reply.id})` : null
    if (route.via === 'sms' && reply.alertId) {
      const delivery = await route.answerer.send({
        residentId: resident.id,
        alertId: reply.alertId,
        alertTitle: reply.alert.title,
        organisationId: reply.organisationId,
        organisationName: organisation.name,
        body,
      })
      if (!delivery.sent) return { notSent: delivery.reason }
      await this.#record(reply, body, by, 'sms')
      return 'texted'
    }
    // A report's thread has no alert to text about: its answer goes by email.
    const to = route.via === 'email' ? route.to : resident.email
    if (!to) return 'no_email'
    await this.#record(reply, body, by, 'email')
    // Answering this email reaches the thread too, when replies by email are set up.
    const replyTo = reply.alertId ? ReplyAddresses.address(resident.id, reply.alertId) : null
    await TransactionalMail.queue(
      to,
      `${organisation.name} answered ${report ?? `your reply about “${reply.alert.title}”`}`,
      'reply_answer',
      {
        name: resident.name,
        organisationName: organisation.name,
        kind: reply.kind === 'report' ? 'report' : 'alert',
        reference: `R${reply.id}`,
        alertTitle: reply.alertId ? reply.alert.title : '',
        answer: body,
        replyUrl: reply.alertId ? ReplyLinks.url(resident.id, reply.alertId) : null,
      },
      { language: resident.language, headers: replyTo ? { 'Reply-To': replyTo } : undefined }
    )
    return 'sent'
  }

  /** A texted answer is kept with via 'sms' (an emailed one with 'staff', as before texts). */
  static async #record(reply: AlertReply, body: string, by: User, sentBy: 'email' | 'sms') {
    const now = DateTime.now()
    await db.transaction(async (trx) => {
      await AlertReplyMessage.create(
        {
          replyId: reply.id,
          author: 'staff',
          userId: by.id,
          via: sentBy === 'sms' ? 'sms' : 'staff',
          body,
          createdAt: now,
        },
        { client: trx }
      )
      reply.useTransaction(trx)
      reply.merge({ state: 'answered', lastMessageAt: now })
      await reply.save()
    })
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
