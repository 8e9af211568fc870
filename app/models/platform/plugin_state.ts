import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/**
 * Whether an installed plugin is enabled, and its settings (encrypted).
 */
export default class PluginState extends BaseModel {
  static table = 'plugins'
  static selfAssignPrimaryKey = true

  @column({ isPrimary: true })
  declare id: string

  // SQLite answers 0 or 1.
  @column({ consume: (value: unknown) => Boolean(value) })
  declare enabled: boolean

  @column({ serializeAs: null })
  declare settings: string | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
