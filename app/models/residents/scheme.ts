import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import Area from '#models/areas/area'
import type { PlaceShape } from '#services/areas/shape_contains'

export const SCHEME_KINDS = {
  neighbourhood_watch: 'Neighbourhood Watch',
  farm_watch: 'Farm Watch',
  horse_watch: 'Horse Watch',
  business_watch: 'Business Watch',
} as const
/** Started by a resident for the streets around their home (engagement's virtual watch groups). */
export const VIRTUAL_SCHEME_KIND = 'virtual_watch'
export type SchemeKind = keyof typeof SCHEME_KINDS | typeof VIRTUAL_SCHEME_KIND

/** Every kind's name, the virtual groups' too (staff choose among SCHEME_KINDS only). */
export const SCHEME_KIND_LABELS: Record<SchemeKind, string> = {
  ...SCHEME_KINDS,
  [VIRTUAL_SCHEME_KIND]: 'Virtual watch group',
}

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

  /** A virtual watch group's drawn shape (areas' PlaceShape); null for a scheme tied to an area. */
  @column({
    prepare: (value: PlaceShape | null) => (value ? JSON.stringify(value) : null),
    consume: (value: string | PlaceShape | null) =>
      typeof value === 'string' ? (JSON.parse(value) as PlaceShape) : value,
  })
  declare shape: PlaceShape | null

  @column()
  declare startedByResidentId: number | null

  @belongsTo(() => Area)
  declare area: BelongsTo<typeof Area>

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  get kindLabel() {
    return SCHEME_KIND_LABELS[this.kind] ?? this.kind
  }
}
