import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import User from '#models/platform/user'

/** Who wrote a message of a thread: the resident, or a member of staff answering. */
export type ReplyAuthor = 'resident' | 'staff'

/**
 * Where a message came from or went by: 'web' the signed form, 'sms' a text
 * (a resident's, through a channel plugin, or staff's answer by text),
 * 'email' the mail relay (InboundEmail), 'staff' an answer that was emailed.
 */
export type ReplySource = 'web' | 'sms' | 'email' | 'staff'

export default class AlertReplyMessage extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare replyId: number

  @column()
  declare author: ReplyAuthor

  @column()
  declare userId: number | null

  @column()
  declare via: ReplySource

  @column()
  declare body: string

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @belongsTo(() => User)
  declare user: BelongsTo<typeof User>
}
