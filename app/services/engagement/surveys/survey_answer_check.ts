import type SurveyQuestion from '#models/engagement/survey_question'
import { TEXT_ANSWER_MAX_LENGTH } from '#models/engagement/survey_question'

/** One row of survey_answers: an option's index, the scale's number, or the text. */
export interface AnswerRow {
  questionId: number
  value: number | null
  text: string | null
}

export interface CheckedAnswers {
  /** Field name (q<id>) → what is wrong, in plain English, shown beside the question. */
  errors: Record<string, string>
  rows: AnswerRow[]
  /** What was sent, by field, to fill the form in again. */
  given: Record<string, string[]>
}

export function fieldName(question: SurveyQuestion) {
  return `q${question.id}`
}

function valuesOf(input: unknown): string[] {
  const list = Array.isArray(input) ? input : input === undefined || input === null ? [] : [input]
  return list.map((value) => (typeof value === 'string' ? value : String(value)))
}

const WHOLE = /^-?\d+$/

/**
 * A resident's answers checked against the survey's questions: each
 * question's own problem, or the rows to store. Anything sent for no question
 * is ignored.
 */
export default function checkAnswers(
  questions: SurveyQuestion[],
  input: Record<string, unknown>
): CheckedAnswers {
  const errors: Record<string, string> = {}
  const rows: AnswerRow[] = []
  const given: Record<string, string[]> = {}
  for (const question of questions) {
    const field = fieldName(question)
    const values = valuesOf(input[field])
      .map((value) => (question.kind === 'text' ? value : value.trim()))
      .filter((value) => value.trim() !== '')
    given[field] = values
    const problem = check(question, values)
    if (problem) {
      errors[field] = problem
      continue
    }
    if (question.kind === 'text') {
      if (values.length) rows.push({ questionId: question.id, value: null, text: values[0].trim() })
      continue
    }
    for (const value of new Set(values)) {
      rows.push({ questionId: question.id, value: Number(value), text: null })
    }
  }
  return { errors, rows, given }
}

function check(question: SurveyQuestion, values: string[]): string | null {
  if (values.length === 0) {
    if (!question.required) return null
    switch (question.kind) {
      case 'single':
        return 'Choose an answer: this question must be answered'
      case 'multiple':
        return 'Choose at least one answer: this question must be answered'
      case 'scale':
        return `Choose a number from ${question.scaleMin} to ${question.scaleMax}: this question must be answered`
      default:
        return 'Write an answer: this question must be answered'
    }
  }
  if (question.kind === 'single' || question.kind === 'multiple') {
    const offered = question.options?.length ?? 0
    const valid = (value: string) =>
      WHOLE.test(value) && Number(value) >= 0 && Number(value) < offered
    if (!values.every(valid))
      return 'Choose from the answers offered: that answer is not one of them'
    if (question.kind === 'single' && values.length > 1) return 'Choose only one answer'
    return null
  }
  if (question.kind === 'scale') {
    const min = question.scaleMin ?? 1
    const max = question.scaleMax ?? 5
    const inRange = WHOLE.test(values[0]) && Number(values[0]) >= min && Number(values[0]) <= max
    if (values.length > 1 || !inRange) return `Choose a number from ${min} to ${max}`
    return null
  }
  if (values.length > 1) return 'Write one answer'
  const length = values[0].trim().length
  if (length > TEXT_ANSWER_MAX_LENGTH) {
    return `Your answer must be ${TEXT_ANSWER_MAX_LENGTH.toLocaleString('en-GB')} characters or fewer: it has ${length.toLocaleString('en-GB')}`
  }
  return null
}
