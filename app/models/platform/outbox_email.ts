import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

export default class OutboxEmail extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare toAddress: string

  @column()
  declare subject: string

  @column()
  declare textBody: string

  @column()
  declare htmlBody: string | null

  @column({
    prepare: (value: Record<string, string>) => JSON.stringify(value),
    consume: (value: string) => JSON.parse(value),
  })
  declare headers: Record<string, string>

  @column()
  declare messageId: string

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
