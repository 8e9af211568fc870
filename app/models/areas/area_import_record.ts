import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import User from '#models/platform/user'
import type { AreaLevel } from '#models/areas/area'
import type { BoundaryImportReport } from '#services/areas/boundaries/boundary_import'

/** uploaded: options not chosen yet; checking/importing: queued or running; checked: the dry run's report is ready. */
export type AreaImportStatus =
  'uploaded' | 'checking' | 'checked' | 'importing' | 'imported' | 'failed'

/** What the admin chose for the file; left out, it is detected. */
export interface AreaImportOptions {
  level?: AreaLevel | null
  codeProperty?: string | null
  nameProperty?: string | null
  parentCode?: string | null
  hasLookup?: boolean
  simplifyMetres?: number | null
  removeMissing?: boolean
}

const json = {
  prepare: (value: unknown) =>
    value === null || value === undefined ? null : JSON.stringify(value),
  consume: (value: string | null) => (value ? JSON.parse(value) : null),
}

/** One boundary file uploaded in Settings → Areas, through its dry run and import. */
export default class AreaImportRecord extends BaseModel {
  static table = 'area_imports'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare userId: number | null

  @belongsTo(() => User)
  declare user: BelongsTo<typeof User>

  @column()
  declare filename: string

  @column()
  declare status: AreaImportStatus

  @column({ consume: (value: unknown) => Boolean(value) })
  declare dryRun: boolean

  @column(json)
  declare options: AreaImportOptions | null

  @column(json)
  declare report: BoundaryImportReport | null

  @column(json)
  declare problems: string[] | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  get isWorking() {
    return this.status === 'checking' || this.status === 'importing'
  }
}
