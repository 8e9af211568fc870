import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import User from '#models/platform/user'

/** "reset": "Forgotten your password?" (or staff:sign-in-link); "first_password": a new install's first admin. */
export type PasswordLinkPurpose = 'reset' | 'first_password'

/**
 * A link to choose a staff password, sent by email or printed by a command.
 * Only a hash of the link's secret is kept; the link works once.
 */
export default class StaffPasswordReset extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare userId: number

  @column({ serializeAs: null })
  declare tokenHash: string

  @column()
  declare purpose: PasswordLinkPurpose

  @column.dateTime()
  declare expiresAt: DateTime

  @column.dateTime()
  declare usedAt: DateTime | null

  @belongsTo(() => User)
  declare user: BelongsTo<typeof User>

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
