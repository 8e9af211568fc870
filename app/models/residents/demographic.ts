import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/**
 * Optional "about you" answers. Special category data: kept apart from
 * contact details and only ever used in aggregate.
 */
export default class Demographic extends BaseModel {
  static selfAssignPrimaryKey = true

  @column({ isPrimary: true })
  declare residentId: number

  @column()
  declare ageBand: string | null

  @column()
  declare sex: string | null

  @column()
  declare ethnicity: string | null

  @column()
  declare disability: string | null

  @column()
  declare mainLanguage: string | null

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
