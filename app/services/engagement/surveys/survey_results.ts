import db from '@adonisjs/lucid/services/db'
import type Survey from '#models/engagement/survey'
import type SurveyQuestion from '#models/engagement/survey_question'
import StackedBarChart, { type ChartModel } from '#services/platform/charts/stacked_bar_chart'

export interface AnswerCount {
  label: string
  count: number
  /** Of the responses that answered the question, whole percent. */
  percent: number
}

export interface QuestionResult {
  question: SurveyQuestion
  /** Responses that answered it. */
  answered: number
  counts: AnswerCount[]
  chart: ChartModel | null
}

/** What each value of a choice or scale question is called. */
export function answerLabels(question: SurveyQuestion): { value: number; label: string }[] {
  if (question.kind === 'scale') {
    return question.scaleValues.map((value) => {
      const end =
        value === question.scaleMin
          ? question.scaleMinLabel
          : value === question.scaleMax
            ? question.scaleMaxLabel
            : null
      return { value, label: end ? `${value} (${end})` : String(value) }
    })
  }
  return (question.options ?? []).map((label, value) => ({ value, label }))
}

export function percentOf(count: number, total: number) {
  return total === 0 ? 0 : Math.round((count / total) * 100)
}

/** A survey's figures for staff: responses, and per question how many chose each answer. */
export default class SurveyResults {
  static async totals(surveyId: number) {
    const rows = await db
      .from('survey_responses')
      .where('survey_id', surveyId)
      .select(db.raw('case when resident_id is null then 0 else 1 end as signed'))
      .count('* as total')
      .groupByRaw('case when resident_id is null then 0 else 1 end')
    let anonymous = 0
    let signed = 0
    for (const row of rows) {
      if (Number(row.signed) === 1) signed = Number(row.total)
      else anonymous = Number(row.total)
    }
    return { total: anonymous + signed, anonymous, signed }
  }

  static async questions(survey: Survey, questions: SurveyQuestion[]): Promise<QuestionResult[]> {
    const counted = await db
      .from('survey_answers')
      .join('survey_responses', 'survey_responses.id', 'survey_answers.response_id')
      .where('survey_responses.survey_id', survey.id)
      .whereNotNull('survey_answers.value')
      .select('survey_answers.question_id', 'survey_answers.value')
      .count('* as total')
      .groupBy('survey_answers.question_id', 'survey_answers.value')
    const answeredRows = await db
      .from('survey_answers')
      .join('survey_responses', 'survey_responses.id', 'survey_answers.response_id')
      .where('survey_responses.survey_id', survey.id)
      .select('survey_answers.question_id')
      .countDistinct('survey_answers.response_id as total')
      .groupBy('survey_answers.question_id')
    const answered = new Map(
      answeredRows.map((row) => [Number(row.question_id), Number(row.total)])
    )
    const counts = new Map<string, number>()
    for (const row of counted) counts.set(`${row.question_id}:${row.value}`, Number(row.total))

    return questions.map((question, index) => {
      const total = answered.get(question.id) ?? 0
      if (question.kind === 'text') return { question, answered: total, counts: [], chart: null }
      const labels = answerLabels(question)
      const rows = labels.map(({ value, label }) => {
        const count = counts.get(`${question.id}:${value}`) ?? 0
        return { label, count, percent: percentOf(count, total) }
      })
      const chart = StackedBarChart.build({
        id: `question-${question.id}`,
        title: `${index + 1}. ${question.prompt}`,
        description: `How many of the ${total} responses that answered this question chose each answer.`,
        categoryHeading: 'Answer',
        categories: rows.map((row) => row.label),
        series: [{ key: 'responses', label: 'Responses', values: rows.map((row) => row.count) }],
        csvUrl: `/staff/surveys/${survey.id}/results/questions/${question.id}/figures.csv`,
        unit: 'responses',
      })
      return { question, answered: total, counts: rows, chart }
    })
  }

  /** A free-text question's answers, newest first, a page at a time. */
  static textAnswers(question: SurveyQuestion, page: number, perPage = 20) {
    return db
      .from('survey_answers')
      .join('survey_responses', 'survey_responses.id', 'survey_answers.response_id')
      .where('survey_answers.question_id', question.id)
      .whereNotNull('survey_answers.text')
      .orderBy('survey_responses.created_at', 'desc')
      .orderBy('survey_answers.id', 'desc')
      .select('survey_answers.text', 'survey_responses.created_at')
      .paginate(page, perPage)
  }
}
