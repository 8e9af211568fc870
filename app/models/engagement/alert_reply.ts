import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column, hasMany } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import Alert from '#models/messaging/alert'
import Resident from '#models/residents/resident'
import User from '#models/platform/user'
import AlertReplyMessage from '#models/engagement/alert_reply_message'
import ReportAttachment from '#models/engagement/report_attachment'

export const REPLY_STATES = ['new', 'assigned', 'answered', 'closed'] as const
export type ReplyState = (typeof REPLY_STATES)[number]

/** The words staff see for each state, and the tag colour beside them. */
export const REPLY_STATE_LABELS: Record<ReplyState, string> = {
  new: 'New',
  assigned: 'Assigned',
  answered: 'Answered',
  closed: 'Closed',
}

export const REPLY_STATE_TAGS: Record<ReplyState, string> = {
  new: 'govuk-tag--blue',
  assigned: 'govuk-tag--yellow',
  answered: 'govuk-tag--green',
  closed: 'govuk-tag--grey',
}

/**
 * A reply to an alert, from its "Reply to the sender" link, or a report the
 * resident made with "Tell us something" (app/services/engagement/reports/*).
 */
export const REPLY_KINDS = ['reply', 'report'] as const
export type ReplyKind = (typeof REPLY_KINDS)[number]

export const REPLY_KIND_LABELS: Record<ReplyKind, string> = { reply: 'Reply', report: 'Report' }
/** The kinds as the inbox's filter offers them. */
export const REPLY_KIND_PLURALS: Record<ReplyKind, string> = { reply: 'Replies', report: 'Reports' }

/** The longest message a resident, or a member of staff, may write. */
export const REPLY_MAX_LENGTH = 2000

/** One resident's conversation with the organisation that sent them an alert. */
export default class AlertReply extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare organisationId: number

  @column()
  declare kind: ReplyKind

  /** The alert replied to; null for a report (see aboutAlertId). */
  @column()
  declare alertId: number | null

  /** The alert a report is about, when the resident came from its link. */
  @column()
  declare aboutAlertId: number | null

  /** A report's where and when, in the resident's words, and a phone number to ring them on. */
  @column()
  declare place: string | null

  @column()
  declare happenedAt: string | null

  @column()
  declare contactPhone: string | null

  @column()
  declare residentId: number

  @column()
  declare state: ReplyState

  @column()
  declare assignedToId: number | null

  @column.dateTime()
  declare receivedAt: DateTime

  @column.dateTime()
  declare lastMessageAt: DateTime

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @belongsTo(() => Alert)
  declare alert: BelongsTo<typeof Alert>

  @belongsTo(() => Alert, { foreignKey: 'aboutAlertId' })
  declare aboutAlert: BelongsTo<typeof Alert>

  @hasMany(() => ReportAttachment, { foreignKey: 'replyId' })
  declare attachments: HasMany<typeof ReportAttachment>

  @belongsTo(() => Resident)
  declare resident: BelongsTo<typeof Resident>

  @belongsTo(() => User, { foreignKey: 'assignedToId' })
  declare assignedTo: BelongsTo<typeof User>

  @hasMany(() => AlertReplyMessage, { foreignKey: 'replyId' })
  declare messages: HasMany<typeof AlertReplyMessage>
}
