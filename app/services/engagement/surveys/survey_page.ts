import type { HttpContext } from '@adonisjs/core/http'
import type Survey from '#models/engagement/survey'
import SurveyQuestion, { TEXT_ANSWER_MAX_LENGTH } from '#models/engagement/survey_question'
import Surveys from '#services/engagement/surveys/surveys'
import { fieldName } from '#services/engagement/surveys/survey_answer_check'
import { answerLabels } from '#services/engagement/surveys/survey_results'

export interface SurveyForm {
  /** Where the form posts: the public link, or the resident's signed one. */
  action: string
  given?: Record<string, string[]>
  errors?: Record<string, string>
  /** Shown above the questions, e.g. that the resident answered before and may change it. */
  notice?: string | null
  /** The public link's form carries the honeypot; a signed link needs none. */
  honeypot: boolean
}

/**
 * The resident's survey page: the questions as a form that works without
 * JavaScript, each problem beside its question; or, outside its dates, a page
 * that says plainly when it opens or that it has closed.
 */
export default class SurveyPage {
  static async render(view: HttpContext['view'], survey: Survey, form: SurveyForm) {
    const state = Surveys.state(survey)
    if (state !== 'open') return this.unavailable(view, survey)
    const questions = await SurveyQuestion.query()
      .where('survey_id', survey.id)
      .orderBy('position')
      .orderBy('id')
    // A survey with no questions yet is still being built: nothing to answer.
    if (questions.length === 0) return this.unavailable(view, survey, true)
    const given = form.given ?? {}
    const errors = form.errors ?? {}
    return view.render('pages/surveys/show', {
      survey,
      closes: Surveys.describeDay(survey.closesOn),
      action: form.action,
      notice: form.notice ?? null,
      honeypot: form.honeypot,
      textMax: TEXT_ANSWER_MAX_LENGTH,
      errorList: questions
        .filter((question) => errors[fieldName(question)])
        .map((question) => ({
          href: `#${this.#firstInputId(question)}`,
          message: errors[fieldName(question)],
        })),
      questions: questions.map((question, index) => {
        const field = fieldName(question)
        const chosen = new Set(given[field] ?? [])
        return {
          number: index + 1,
          question,
          field,
          error: errors[field] ?? null,
          text: (given[field] ?? [])[0] ?? '',
          choices: answerLabels(question).map(({ value, label }) => ({
            id: `${field}-${value}`,
            value,
            label,
            checked: chosen.has(String(value)),
          })),
        }
      }),
    })
  }

  static unavailable(view: HttpContext['view'], survey: Survey, unready = false) {
    const state = Surveys.state(survey)
    return view.render('pages/surveys/unavailable', {
      survey,
      surveyState: unready && state === 'open' ? 'unready' : state,
      opens: Surveys.describeDay(survey.opensOn),
      closes: Surveys.describeDay(survey.closesOn),
    })
  }

  static #firstInputId(question: SurveyQuestion) {
    const field = fieldName(question)
    if (question.kind === 'text') return field
    const first = answerLabels(question)[0]
    return first ? `${field}-${first.value}` : field
  }
}
