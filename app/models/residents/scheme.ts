import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import Area from '#models/areas/area'

export const SCHEME_KINDS = {
  neighbourhood_watch: 'Neighbourhood Watch',
  farm_watch: 'Farm Watch',
  horse_watch: 'Horse Watch',
  business_watch: 'Business Watch',
} as const
export type SchemeKind = keyof typeof SCHEME_KINDS

/** A watch scheme residents can join; admins manage the list and tie each to an area. */
export default class Scheme extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare name: string

  @column()
  declare kind: SchemeKind

  @column()
  declare areaId: number | null

  /** "<plugin id>:<register id>" for a scheme a plugin keeps in step with a register (#contracts/schemes). */
  @column()
  declare externalRef: string | null

  @belongsTo(() => Area)
  declare area: BelongsTo<typeof Area>

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  get kindLabel() {
    return SCHEME_KINDS[this.kind] ?? this.kind
  }
}
