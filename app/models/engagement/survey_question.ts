import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

export const QUESTION_KINDS = ['single', 'multiple', 'scale', 'text'] as const
export type QuestionKind = (typeof QUESTION_KINDS)[number]

export const QUESTION_KIND_LABELS: Record<QuestionKind, string> = {
  single: 'Single choice',
  multiple: 'Multiple choice',
  scale: 'Scale',
  text: 'Free text',
}

/** The longest free-text answer a resident may give. */
export const TEXT_ANSWER_MAX_LENGTH = 2000

/** One question of a survey, in its place; a choice question's options are answered by index. */
export default class SurveyQuestion extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare surveyId: number

  @column()
  declare position: number

  @column()
  declare kind: QuestionKind

  @column()
  declare prompt: string

  @column({ consume: (value) => Boolean(value) })
  declare required: boolean

  @column({
    prepare: (value: string[] | null) => (value ? JSON.stringify(value) : null),
    consume: (value: string | null) => (value ? (JSON.parse(value) as string[]) : null),
  })
  declare options: string[] | null

  @column()
  declare scaleMin: number | null

  @column()
  declare scaleMax: number | null

  @column()
  declare scaleMinLabel: string | null

  @column()
  declare scaleMaxLabel: string | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  get kindLabel() {
    return QUESTION_KIND_LABELS[this.kind]
  }

  /** The values a scale question offers, lowest first. */
  get scaleValues() {
    if (this.scaleMin === null || this.scaleMax === null) return []
    const values: number[] = []
    for (let value = this.scaleMin; value <= this.scaleMax; value++) values.push(value)
    return values
  }
}
