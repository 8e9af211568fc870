import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/**
 * A plugin of scope "organisation" as one organisation has it: switched on
 * or off for that organisation, and its settings (encrypted).
 */
export default class PluginOrganisation extends BaseModel {
  static table = 'plugin_organisations'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare pluginId: string

  @column()
  declare organisationId: number

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
