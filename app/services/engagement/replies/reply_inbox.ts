import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { sqlTime } from '#services/platform/infrastructure/sql_time'
import Alert, { UNSENT_STATUSES } from '#models/messaging/alert'
import Resident from '#models/residents/resident'
import AlertReply from '#models/engagement/alert_reply'
import AlertReplyMessage, { type ReplySource } from '#models/engagement/alert_reply_message'

export interface ReplySubject {
  alert: Alert
  resident: Resident
  /** The resident's thread about this alert so far, oldest message first; null before their first reply. */
  thread: AlertReply | null
}

export interface IncomingReply {
  residentId: number
  alertId: number
  body: string
  /** Where it came from: the signed web form today; an SMS or email gateway could add its own. */
  via: ReplySource
}

/**
 * Residents' replies to the alerts they got, into the inbox of the
 * organisation that sent the alert. Whatever brings a reply in (the signed
 * form, or one day an SMS or email gateway that has matched the sender to a
 * resident and an alert) calls receive(): it checks nothing about how the
 * resident was recognised, only that the alert was sent and the resident is
 * still here.
 */
export default class ReplyInbox {
  /**
   * The alert and resident a verified link names, or null when either is gone
   * (an erased resident's old link records nothing and brings nothing back).
   */
  static async subject(alertId: number, residentId: number): Promise<ReplySubject | null> {
    const alert = await Alert.query().where('id', alertId).preload('organisation').first()
    if (!alert || UNSENT_STATUSES.includes(alert.status)) return null
    const resident = await Resident.find(residentId)
    if (!resident || resident.status === 'erased') return null
    const thread = await AlertReply.query()
      .where('alert_id', alertId)
      .where('resident_id', residentId)
      .preload('messages', (messages) => messages.orderBy('created_at').orderBy('id'))
      .first()
    return { alert, resident, thread }
  }

  /**
   * Adds the resident's message to their thread about the alert, starting it
   * on their first. A thread that was answered or closed is open again: back
   * to whoever it was assigned to, or new.
   */
  static async receive(incoming: IncomingReply): Promise<AlertReply | null> {
    const subject = await this.subject(incoming.alertId, incoming.residentId)
    if (!subject) return null
    const now = DateTime.now()
    return db.transaction(async (trx) => {
      // Two first replies at once (a double submit) meet at the unique index: one thread.
      await trx
        .table('alert_replies')
        .insert({
          organisation_id: subject.alert.organisationId,
          alert_id: incoming.alertId,
          resident_id: incoming.residentId,
          state: 'new',
          assigned_to_id: null,
          received_at: sqlTime(now),
          last_message_at: sqlTime(now),
          created_at: sqlTime(now),
          updated_at: sqlTime(now),
        })
        .onConflict(['alert_id', 'resident_id'])
        .ignore()
      const thread = await AlertReply.query({ client: trx })
        .where('alert_id', incoming.alertId)
        .where('resident_id', incoming.residentId)
        .forUpdate()
        .firstOrFail()
      thread.merge({
        state: thread.assignedToId ? 'assigned' : 'new',
        receivedAt: now,
        lastMessageAt: now,
      })
      await thread.save()
      await AlertReplyMessage.create(
        {
          replyId: thread.id,
          author: 'resident',
          userId: null,
          via: incoming.via,
          body: incoming.body,
          createdAt: now,
        },
        { client: trx }
      )
      return thread
    })
  }
}
