import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import Organisation from '#models/platform/organisation'
import User from '#models/platform/user'

export const ROLES = ['admin', 'approver', 'sender', 'officer', 'analyst', 'coordinator'] as const
export type Role = (typeof ROLES)[number]

export default class Membership extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare userId: number

  @column()
  declare organisationId: number

  @column()
  declare role: Role

  @belongsTo(() => User)
  declare user: BelongsTo<typeof User>

  @belongsTo(() => Organisation)
  declare organisation: BelongsTo<typeof Organisation>

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
