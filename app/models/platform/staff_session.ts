import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/**
 * One signed-in browser of a member of staff. The session cookie holds the
 * key; the database holds its hash, the last request's time and the end.
 */
export default class StaffSession extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare userId: number

  @column({ serializeAs: null })
  declare keyHash: string

  @column.dateTime()
  declare lastActivityAt: DateTime

  @column.dateTime()
  declare endedAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
