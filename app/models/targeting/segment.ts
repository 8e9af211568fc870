import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import User from '#models/platform/user'
import type { AudienceCriteria } from '#services/targeting/audience_query'
import { criteriaColumn } from '#models/targeting/criteria_column'

/** A named set of targeting criteria an organisation's senders reuse. */
export default class Segment extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare organisationId: number

  @column()
  declare name: string

  @column(criteriaColumn)
  declare criteria: AudienceCriteria

  @column()
  declare createdBy: number | null

  @belongsTo(() => User, { foreignKey: 'createdBy' })
  declare creator: BelongsTo<typeof User>

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
