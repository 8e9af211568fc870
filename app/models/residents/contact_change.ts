import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import Resident from '#models/residents/resident'

export type ContactField = 'email' | 'phone' | 'landline'

/**
 * A new email address or phone number for a resident, waiting for them to
 * confirm it. Until then the old one stays in use. The emailed link's secret
 * is kept only as a hash.
 */
export default class ContactChange extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare residentId: number

  @belongsTo(() => Resident)
  declare resident: BelongsTo<typeof Resident>

  @column()
  declare field: ContactField

  @column()
  declare newValue: string

  @column({ serializeAs: null })
  declare tokenHash: string

  @column()
  declare requestedByUserId: number | null

  @column()
  declare organisationId: number | null

  @column.dateTime()
  declare expiresAt: DateTime

  @column.dateTime()
  declare confirmedAt: DateTime | null

  @column.dateTime()
  declare cancelledAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
