import { DateTime } from 'luxon'
import { BaseModel, column, hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import SurveyQuestion from '#models/engagement/survey_question'

/** A survey an organisation's staff built: shared by its public link and with alerts linked to it. */
export default class Survey extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare organisationId: number

  /** The public link's last part: /surveys/<code>. */
  @column()
  declare code: string

  @column()
  declare title: string

  @column()
  declare introduction: string

  @column()
  declare thankYou: string

  /** London dates, YYYY-MM-DD: answers are taken from the start of opensOn to the end of closesOn. */
  @column()
  declare opensOn: string

  @column()
  declare closesOn: string

  /** The alert whose emails carry each resident's own link to the survey. */
  @column()
  declare alertId: number | null

  @column()
  declare createdById: number | null

  @hasMany(() => SurveyQuestion, { onQuery: (query) => query.orderBy('position').orderBy('id') })
  declare questions: HasMany<typeof SurveyQuestion>

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
