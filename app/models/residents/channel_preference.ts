import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/**
 * A resident's choice for one channel: on or off, and quiet hours (local
 * time) that an emergency may override if they allow it.
 */
export default class ChannelPreference extends BaseModel {
  static table = 'channel_preferences'

  @column({ isPrimary: true })
  declare residentId: number

  @column({ isPrimary: true })
  declare channel: string

  @column({ consume: (value: unknown) => Boolean(value) })
  declare enabled: boolean

  @column()
  declare quietFrom: string | null

  @column()
  declare quietTo: string | null

  @column({ consume: (value: unknown) => Boolean(value) })
  declare emergencyOverride: boolean

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
