import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import Resident from '#models/residents/resident'
import Scheme from '#models/residents/scheme'

export type JoinRequestStatus = 'pending' | 'approved' | 'declined' | 'withdrawn'

/** A resident's request to join a watch scheme (scheme_join_requests.ts decides it). */
export default class SchemeJoinRequest extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare schemeId: number

  @column()
  declare residentId: number

  @column()
  declare status: JoinRequestStatus

  /** Why it was declined, when the coordinator said. */
  @column()
  declare reason: string | null

  @column()
  declare decidedById: number | null

  @column()
  declare decidedForOrganisationId: number | null

  @column.dateTime()
  declare askedAt: DateTime

  @column.dateTime()
  declare decidedAt: DateTime | null

  @belongsTo(() => Scheme)
  declare scheme: BelongsTo<typeof Scheme>

  @belongsTo(() => Resident)
  declare resident: BelongsTo<typeof Resident>

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
