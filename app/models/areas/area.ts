import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column, hasMany } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'

export type AreaLevel = 'district' | 'ward'

export default class Area extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare code: string

  @column()
  declare name: string

  @column()
  declare level: AreaLevel

  @column()
  declare parentId: number | null

  @belongsTo(() => Area, { foreignKey: 'parentId' })
  declare parent: BelongsTo<typeof Area>

  @hasMany(() => Area, { foreignKey: 'parentId' })
  declare children: HasMany<typeof Area>

  @column({ serializeAs: null })
  declare geometry: string | null

  @column()
  declare minLng: number | null

  @column()
  declare minLat: number | null

  @column()
  declare maxLng: number | null

  @column()
  declare maxLat: number | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
