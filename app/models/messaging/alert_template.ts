import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import User from '#models/platform/user'
import { PRIORITIES } from '#models/messaging/alert'

/** An organisation's starting point for a recurring alert. */
export default class AlertTemplate extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare organisationId: number

  @column()
  declare name: string

  @column()
  declare title: string

  @column()
  declare body: string

  @column()
  declare priority: number

  @column()
  declare category: string | null

  @column()
  declare createdById: number | null

  @belongsTo(() => User, { foreignKey: 'createdById' })
  declare createdBy: BelongsTo<typeof User>

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  get priorityLabel() {
    return PRIORITIES[this.priority] ?? String(this.priority)
  }
}
