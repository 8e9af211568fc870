import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/**
 * The install's own words (one row, id 1). A null text means the default,
 * which names the service (see app/services/platform/site/site_defaults.ts).
 */
export default class SiteSetting extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare serviceName: string | null

  @column()
  declare contactEmail: string | null

  @column()
  declare contactPhone: string | null

  @column()
  declare contactAddress: string | null

  @column()
  declare privacyNotice: string | null

  @column()
  declare accessibilityStatement: string | null

  @column()
  declare cookiesPage: string | null

  /** A tile server's address with {z}, {x} and {y}; null: the maps show outlines only. */
  @column()
  declare mapTileUrl: string | null

  @column()
  declare mapTileAttribution: string | null

  /** Whether residents may use the service in Welsh (the "Cymraeg" switch). */
  @column()
  declare welshOffered: boolean

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
