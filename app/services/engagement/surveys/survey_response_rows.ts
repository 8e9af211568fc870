import db from '@adonisjs/lucid/services/db'
import SurveyQuestion from '#models/engagement/survey_question'
import { answerLabels } from '#services/engagement/surveys/survey_results'
import { fromStoredTime } from '#services/platform/infrastructure/stored_time'

const PAGE = 500

type Cell = string | number | null

/** An answer as words: the option's label, the scale's point, or the text; several joined by "; ". */
function answerText(
  question: SurveyQuestion,
  rows: { value: number | null; text: string | null }[]
) {
  if (question.kind === 'text') return rows[0]?.text ?? ''
  const labels = new Map(answerLabels(question).map((one) => [one.value, one.label]))
  return rows.map((row) => labels.get(Number(row.value)) ?? String(row.value)).join('; ')
}

/**
 * Responses as rows of words, one per response: the CSV export for staff
 * and the resident's data download. The CSV names no resident and no area,
 * so it cannot undo the breakdown's small-number suppression.
 */
export default class SurveyResponseRows {
  static header(questions: SurveyQuestion[]) {
    return ['Response', 'Received (UTC)', 'Answered from', ...questions.map((one) => one.prompt)]
  }

  /** Every response, a page at a time, oldest first. */
  static async *pages(surveyId: number, questions: SurveyQuestion[]): AsyncGenerator<Cell[][]> {
    let afterId = 0
    for (;;) {
      const responses = await db
        .from('survey_responses')
        .where('survey_id', surveyId)
        .where('id', '>', afterId)
        .orderBy('id')
        .limit(PAGE)
        .select('id', 'resident_id', 'created_at')
      if (responses.length === 0) return
      const answers = await db
        .from('survey_answers')
        .whereIn(
          'response_id',
          responses.map((one) => one.id)
        )
        .orderBy('id')
        .select('response_id', 'question_id', 'value', 'text')
      yield responses.map((response) => {
        const own = answers.filter((answer) => answer.response_id === response.id)
        return [
          response.id,
          fromStoredTime(response.created_at)
            ?.toUTC()
            .startOf('second')
            .toISO({ suppressMilliseconds: true }) ?? '',
          response.resident_id ? 'A resident’s own link' : 'The public link',
          ...questions.map((question) =>
            answerText(
              question,
              own.filter((answer) => answer.question_id === question.id)
            )
          ),
        ]
      })
      afterId = responses[responses.length - 1].id
    }
  }

  /** One response's answers as question and words, in the survey's order. */
  static async answersOf(surveyId: number, responseId: number) {
    const questions = await SurveyQuestion.query()
      .where('survey_id', surveyId)
      .orderBy('position')
      .orderBy('id')
    const answers = await db
      .from('survey_answers')
      .where('response_id', responseId)
      .orderBy('id')
      .select('question_id', 'value', 'text')
    return questions
      .map((question) => ({
        question: question.prompt,
        answer: answerText(
          question,
          answers.filter((answer) => answer.question_id === question.id)
        ),
      }))
      .filter((one) => one.answer !== '')
  }
}
