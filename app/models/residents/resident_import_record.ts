import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/** One upload of residents from a file: its check, its outcome and its report, row by row. */
export default class ResidentImportRecord extends BaseModel {
  static table = 'resident_imports'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare userId: number | null

  @column()
  declare organisationId: number

  @column()
  declare filename: string

  @column()
  declare status: 'dry_run' | 'imported'

  @column()
  declare totalRows: number

  @column()
  declare importedRows: number

  @column()
  declare rejectedRows: number

  @column({
    prepare: (value: unknown) =>
      value === null || value === undefined ? null : JSON.stringify(value),
    consume: (value: string | null) => (value ? JSON.parse(value) : null),
  })
  declare report: Record<string, unknown> | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
