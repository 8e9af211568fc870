import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import Organisation from '#models/platform/organisation'
import User from '#models/platform/user'
import type { Role } from '#models/platform/membership'

/**
 * An invitation to join an organisation's staff. Only a hash of the link's
 * secret is kept.
 */
export default class StaffInvitation extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare organisationId: number

  @column()
  declare email: string

  @column()
  declare role: Role

  @column({ serializeAs: null })
  declare tokenHash: string

  @column()
  declare invitedByUserId: number | null

  @column.dateTime()
  declare expiresAt: DateTime

  @column.dateTime()
  declare sentAt: DateTime

  @column.dateTime()
  declare acceptedAt: DateTime | null

  @column()
  declare acceptedByUserId: number | null

  @column.dateTime()
  declare revokedAt: DateTime | null

  /** For a coordinator: the schemes they will look after once they accept (ids of schemes). */
  @column({
    prepare: (value: number[] | null) => (value ? JSON.stringify(value) : null),
    consume: (value: string | number[] | null) =>
      typeof value === 'string' ? (JSON.parse(value) as number[]) : value,
  })
  declare coordinatorSchemeIds: number[] | null

  @belongsTo(() => Organisation)
  declare organisation: BelongsTo<typeof Organisation>

  @belongsTo(() => User, { foreignKey: 'invitedByUserId' })
  declare invitedBy: BelongsTo<typeof User>

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  get isPending() {
    return !this.acceptedAt && !this.revokedAt && this.expiresAt > DateTime.now()
  }
}
