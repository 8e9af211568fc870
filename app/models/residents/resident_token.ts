import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import Resident from '#models/residents/resident'

export type TokenPurpose = 'confirm_email' | 'magic_link' | 'phone_code'

export default class ResidentToken extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare residentId: number

  @belongsTo(() => Resident)
  declare resident: BelongsTo<typeof Resident>

  @column()
  declare purpose: TokenPurpose

  @column({ serializeAs: null })
  declare tokenHash: string

  @column.dateTime()
  declare expiresAt: DateTime

  @column.dateTime()
  declare usedAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
