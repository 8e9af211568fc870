import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/** A resident's request for help signing in, from the form at /my-alerts/help. */
export default class AccessHelpRequest extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  /** The resident whose email on record is the one given, if any. */
  @column()
  declare residentId: number | null

  @column()
  declare name: string

  @column()
  declare address: string

  @column()
  declare email: string

  @column()
  declare contact: string

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime()
  declare doneAt: DateTime | null

  @column()
  declare doneById: number | null
}
