import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/** A file attached to a resident's report; the bytes are in STORAGE_DIR/reports (ReportFiles). */
export default class ReportAttachment extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare replyId: number

  @column({ serializeAs: null })
  declare storedName: string

  @column()
  declare originalName: string

  @column()
  declare contentType: string

  @column()
  declare size: number

  @column.dateTime()
  declare createdAt: DateTime
}
