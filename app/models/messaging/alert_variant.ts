import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/** An alert rendered for one channel and language, shared by every recipient of both. */
export default class AlertVariant extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare alertId: number

  @column()
  declare channel: string

  @column()
  declare language: string

  @column()
  declare subject: string | null

  @column()
  declare html: string | null

  @column()
  declare text: string

  @column()
  declare url: string | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
