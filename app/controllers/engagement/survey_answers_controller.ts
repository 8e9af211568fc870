import type { HttpContext } from '@adonisjs/core/http'
import Survey from '#models/engagement/survey'
import Resident from '#models/residents/resident'
import SurveyQuestion from '#models/engagement/survey_question'
import Surveys from '#services/engagement/surveys/surveys'
import SurveyPage from '#services/engagement/surveys/survey_page'
import SurveyLinks from '#services/engagement/surveys/survey_links'
import SurveyResponses from '#services/engagement/surveys/survey_responses'
import checkAnswers from '#services/engagement/surveys/survey_answer_check'

type Verified = { survey: Survey; residentId: number }

/**
 * Residents answering a survey: anonymously from its public link (each post
 * a new response, throttled per address and guarded by the honeypot), or
 * from their own signed link in an alert linked to it (one response each,
 * which they may change until the survey closes). A forged, altered or
 * expired link records nothing and says so.
 */
export default class SurveyAnswersController {
  async show({ params, view }: HttpContext) {
    const survey = await Survey.findByOrFail('code', params.code)
    return SurveyPage.render(view, survey, { action: `/surveys/${survey.code}`, honeypot: true })
  }

  async store({ params, request, response, view }: HttpContext) {
    const survey = await Survey.findByOrFail('code', params.code)
    const outcome = await this.#checked(request, survey)
    if ('errors' in outcome) {
      response.status(422)
      return SurveyPage.render(view, survey, {
        action: `/surveys/${survey.code}`,
        honeypot: true,
        ...outcome,
      })
    }
    if (outcome.closed) return SurveyPage.render(view, survey, { action: '', honeypot: false })
    await SurveyResponses.recordAnonymous(survey, outcome.rows)
    return response.redirect().toPath(`/surveys/${survey.code}/thank-you`)
  }

  async thankYou({ params, view }: HttpContext) {
    const survey = await Survey.findByOrFail('code', params.code)
    return view.render('pages/surveys/thank_you', { survey, changeable: null })
  }

  async showSigned(ctx: HttpContext) {
    const verified = await this.#verify(ctx)
    if (!('survey' in verified)) return verified.page
    const { survey, residentId } = verified
    const given = await SurveyResponses.previous(survey.id, residentId)
    const closes = Surveys.describeDay(survey.closesOn)
    if (ctx.request.qs().answered === '1' && given) {
      return ctx.view.render('pages/surveys/thank_you', {
        survey,
        changeable: { closes, link: ctx.request.url(true).replace(/[?&]answered=1/, '') },
      })
    }
    return SurveyPage.render(ctx.view, survey, {
      action: ctx.request.url(true),
      honeypot: false,
      given: given ?? {},
      notice: given
        ? `You have answered this survey. You can change your answers until ${closes}.`
        : null,
    })
  }

  async storeSigned(ctx: HttpContext) {
    const verified = await this.#verify(ctx)
    if (!('survey' in verified)) return verified.page
    const { survey, residentId } = verified
    const outcome = await this.#checked(ctx.request, survey)
    if ('errors' in outcome) {
      ctx.response.status(422)
      return SurveyPage.render(ctx.view, survey, {
        action: ctx.request.url(true),
        honeypot: false,
        ...outcome,
      })
    }
    if (outcome.closed) return SurveyPage.render(ctx.view, survey, { action: '', honeypot: false })
    await SurveyResponses.recordForResident(survey, residentId, outcome.rows)
    return ctx.response.redirect().toPath(`${ctx.request.url(true)}&answered=1`)
  }

  async #checked(request: HttpContext['request'], survey: Survey) {
    // Outside its dates the form is not shown, and a post from an old tab records nothing.
    if (Surveys.state(survey) !== 'open') return { closed: true as const, rows: [] }
    const questions = await SurveyQuestion.query().where('survey_id', survey.id)
    if (questions.length === 0) return { closed: true as const, rows: [] }
    const checked = checkAnswers(questions, request.all())
    if (Object.keys(checked.errors).length) {
      return { errors: checked.errors, given: checked.given }
    }
    return { closed: false as const, rows: checked.rows }
  }

  async #verify(ctx: HttpContext): Promise<Verified | { page: string }> {
    const { request, params } = ctx
    if (!SurveyLinks.isSigned(request)) return this.#refuse(ctx, 'invalid')
    if (SurveyLinks.isExpired(params.expires)) return this.#refuse(ctx, 'expired')
    // "Send a test to me" carries links for nobody: they explain themselves.
    if (Number(params.residentId) === 0) return this.#refuse(ctx, 'test')
    const survey = await Survey.findBy('alert_id', Number(params.alertId))
    const resident = await Resident.find(Number(params.residentId))
    // An erased resident's link records nothing: their answers went with them.
    if (!survey || !resident || resident.erasedAt) return this.#refuse(ctx, 'invalid')
    return { survey, residentId: Number(params.residentId) }
  }

  async #refuse({ response, view }: HttpContext, reason: 'invalid' | 'expired' | 'test') {
    response.status(reason === 'invalid' ? 404 : reason === 'expired' ? 410 : 200)
    return { page: await view.render('pages/surveys/link_refused', { reason }) }
  }
}
