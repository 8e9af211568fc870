import db from '@adonisjs/lucid/services/db'
import type Survey from '#models/engagement/survey'
import SurveyQuestion, { type QuestionKind } from '#models/engagement/survey_question'

export interface QuestionFields {
  kind: QuestionKind
  prompt: string
  required?: boolean
  options?: string
  scale_min?: number
  scale_max?: number
  scale_min_label?: string
  scale_max_label?: string
}

const MAX_OPTIONS = 20

/** The options typed one a line, blank lines and repeats left out. */
export function optionLines(text: string | undefined) {
  const lines = (text ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
  return [...new Set(lines)]
}

/**
 * Adding, changing, moving and removing a survey's questions. The controller
 * refuses all of these once the survey has a response (Surveys.isLocked).
 */
export default class SurveyQuestions {
  /** What a kind needs beyond the common fields, as field → plain-English problem. */
  static kindProblems(fields: QuestionFields): Record<string, string> {
    const problems: Record<string, string> = {}
    if (fields.kind === 'single' || fields.kind === 'multiple') {
      const options = optionLines(fields.options)
      if (options.length < 2) problems.options = 'Enter at least 2 options, one on each line'
      else if (options.length > MAX_OPTIONS) {
        problems.options = `Enter ${MAX_OPTIONS} options or fewer`
      } else if (options.some((option) => option.length > 200)) {
        problems.options = 'Each option must be 200 characters or fewer'
      }
    }
    if (fields.kind === 'scale') {
      if (fields.scale_min === undefined) {
        problems.scale_min = 'Choose 0 or 1 for the lowest point of the scale'
      }
      if (fields.scale_max === undefined) {
        problems.scale_max = 'Choose a number from 2 to 10 for the highest point of the scale'
      }
    }
    return problems
  }

  static async add(survey: Survey, fields: QuestionFields) {
    const last = await db
      .from('survey_questions')
      .where('survey_id', survey.id)
      .max('position as position')
      .first()
    return SurveyQuestion.create({
      surveyId: survey.id,
      position: Number(last?.position ?? 0) + 1,
      ...this.#columns(fields),
    })
  }

  static async update(question: SurveyQuestion, fields: QuestionFields) {
    question.merge(this.#columns(fields))
    await question.save()
  }

  /** Swaps the question with the one above or below; at either end nothing moves. */
  static async move(survey: Survey, question: SurveyQuestion, direction: 'up' | 'down') {
    const questions = await SurveyQuestion.query()
      .where('survey_id', survey.id)
      .orderBy('position')
      .orderBy('id')
    const index = questions.findIndex((one) => one.id === question.id)
    const other = questions[direction === 'up' ? index - 1 : index + 1]
    if (index < 0 || !other) return false
    await db.transaction(async (trx) => {
      // Renumbered in order first, so that equal positions left by old data cannot stick.
      const order = questions.map((one) => one.id)
      ;[order[index], order[questions.indexOf(other)]] = [
        order[questions.indexOf(other)],
        order[index],
      ]
      for (const [position, id] of order.entries()) {
        await trx
          .from('survey_questions')
          .where('id', id)
          .update({ position: position + 1 })
      }
    })
    return true
  }

  static async remove(question: SurveyQuestion) {
    await question.delete()
  }

  static #columns(fields: QuestionFields) {
    const choice = fields.kind === 'single' || fields.kind === 'multiple'
    const scale = fields.kind === 'scale'
    return {
      kind: fields.kind,
      prompt: fields.prompt,
      required: fields.required === true,
      options: choice ? optionLines(fields.options) : null,
      scaleMin: scale ? (fields.scale_min ?? 1) : null,
      scaleMax: scale ? (fields.scale_max ?? 5) : null,
      scaleMinLabel: scale ? fields.scale_min_label || null : null,
      scaleMaxLabel: scale ? fields.scale_max_label || null : null,
    }
  }
}
