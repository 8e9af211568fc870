import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import Resident from '#models/residents/resident'

export type DeliveryStatus =
  'pending' | 'sending' | 'sent' | 'delivered' | 'failed' | 'skipped' | 'cancelled'

export default class Delivery extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare alertId: number

  @column()
  declare residentId: number | null

  @belongsTo(() => Resident)
  declare resident: BelongsTo<typeof Resident>

  @column()
  declare channel: string

  @column()
  declare status: DeliveryStatus

  @column()
  declare attempts: number

  @column()
  declare claimToken: string | null

  @column.dateTime()
  declare claimedAt: DateTime | null

  @column.dateTime()
  declare nextAttemptAt: DateTime | null

  @column()
  declare providerId: string | null

  @column()
  declare error: string | null

  @column.dateTime()
  declare sentAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
