import db from '@adonisjs/lucid/services/db'
import type SurveyQuestion from '#models/engagement/survey_question'
import { answerLabels } from '#services/engagement/surveys/survey_results'

/** Below this, a count is shown as "fewer than 5": small groups of neighbours could be picked out. */
export const SUPPRESS_BELOW = 5
export const SUPPRESSED = 'fewer than 5'

export function shown(count: number) {
  return count < SUPPRESS_BELOW ? SUPPRESSED : count.toLocaleString('en-GB')
}

export interface AreaTable {
  question: SurveyQuestion
  columns: string[]
  rows: { area: string; cells: string[]; responses: string }[]
}

/**
 * Answers from residents' own links by their ward, for each choice or scale
 * question. Every cell below 5 (none included) reads "fewer than 5", so that
 * no small group's answers can be read off. Public-link answers name no area
 * and are not in it.
 */
export default class SurveyAreaBreakdown {
  static async of(surveyId: number, questions: SurveyQuestion[]): Promise<AreaTable[]> {
    const responses = await db
      .from('survey_responses')
      .leftJoin('areas', 'areas.id', 'survey_responses.area_id')
      .where('survey_responses.survey_id', surveyId)
      .whereNotNull('survey_responses.resident_id')
      .select(db.raw("coalesce(areas.name, 'No area known') as area"))
      .count('* as total')
      .groupByRaw("coalesce(areas.name, 'No area known')")
    if (responses.length === 0) return []
    const areas = responses.map((row) => String(row.area)).sort((a, b) => a.localeCompare(b))
    const perArea = new Map(responses.map((row) => [String(row.area), Number(row.total)]))

    const counted = await db
      .from('survey_answers')
      .join('survey_responses', 'survey_responses.id', 'survey_answers.response_id')
      .leftJoin('areas', 'areas.id', 'survey_responses.area_id')
      .where('survey_responses.survey_id', surveyId)
      .whereNotNull('survey_responses.resident_id')
      .whereNotNull('survey_answers.value')
      .select(
        'survey_answers.question_id',
        'survey_answers.value',
        db.raw("coalesce(areas.name, 'No area known') as area")
      )
      .count('* as total')
      .groupBy('survey_answers.question_id', 'survey_answers.value')
      .groupByRaw("coalesce(areas.name, 'No area known')")
    const counts = new Map<string, number>()
    for (const row of counted) {
      counts.set(`${row.question_id}:${row.value}:${row.area}`, Number(row.total))
    }

    return questions
      .filter((question) => question.kind !== 'text')
      .map((question) => {
        const labels = answerLabels(question)
        return {
          question,
          columns: labels.map((one) => one.label),
          rows: areas.map((area) => ({
            area,
            cells: labels.map(({ value }) =>
              shown(counts.get(`${question.id}:${value}:${area}`) ?? 0)
            ),
            responses: shown(perArea.get(area) ?? 0),
          })),
        }
      })
  }
}
