import type { HttpContext } from '@adonisjs/core/http'
import Survey from '#models/engagement/survey'
import AuditLogger from '#services/platform/audit/audit_logger'
import Surveys from '#services/engagement/surveys/surveys'
import SurveyAlertLink from '#services/engagement/surveys/survey_alert_link'
import { SURVEY_SORTS, surveyListValidator, surveyValidator } from '#validators/engagement/surveys'
import env from '#start/env'

/** Surveys: the organisation's list, and building one (its words and dates; questions have their own controller). */
export default class SurveysController {
  async index({ request, view, membership, bouncer }: HttpContext) {
    await bouncer.with('SurveyPolicy').authorize('manageList', membership.organisationId)
    // An edited address gets the first page of every survey rather than an error.
    const [, valid] = await request.tryValidateUsing(surveyListValidator, { data: request.qs() })
    const search = valid?.q ?? ''
    const sort = valid?.sort ?? 'newest'
    const surveys = await Surveys.list(membership.organisationId, search, sort, valid?.page ?? 1)
    surveys.baseUrl('/staff/surveys').queryString({ ...(search ? { q: search } : {}), sort })
    return view.render('pages/staff/surveys/index', {
      surveys,
      search,
      sort,
      sorts: SURVEY_SORTS,
      rows: surveys.all().map((survey) => ({
        survey,
        questions: Number(survey.$extras.questions_count ?? 0),
        state: Surveys.state(survey),
        opens: Surveys.describeDay(survey.opensOn),
        closes: Surveys.describeDay(survey.closesOn),
      })),
    })
  }

  async create({ view, membership, bouncer }: HttpContext) {
    await bouncer.with('SurveyPolicy').authorize('manageList', membership.organisationId)
    return view.render('pages/staff/surveys/form', { survey: null })
  }

  async store(ctx: HttpContext) {
    const { request, response, membership, bouncer, session, auth } = ctx
    await bouncer.with('SurveyPolicy').authorize('manageList', membership.organisationId)
    const payload = await request.validateUsing(surveyValidator)
    const survey = await Surveys.create(membership.organisationId, auth.user!, payload)
    await this.#audit(ctx, survey, 'survey.created')
    session.flash('success', `The survey “${survey.title}” has been saved. Now add its questions.`)
    return response.redirect().toPath(`/staff/surveys/${survey.id}`)
  }

  async show(ctx: HttpContext) {
    const survey = await this.#authorised(ctx)
    await survey.load('questions')
    const responses = await Surveys.responseCount(survey.id)
    return ctx.view.render('pages/staff/surveys/show', {
      survey,
      questions: survey.questions,
      responses,
      locked: responses > 0,
      surveyState: Surveys.state(survey),
      opens: Surveys.describeDay(survey.opensOn),
      closes: Surveys.describeDay(survey.closesOn),
      publicLink: `${env.get('APP_URL').replace(/\/$/, '')}/surveys/${survey.code}`,
      linkedAlert: await SurveyAlertLink.current(survey),
      alertChangeable: await SurveyAlertLink.changeable(survey),
      alertChoices: await SurveyAlertLink.choices(survey.organisationId),
    })
  }

  async edit(ctx: HttpContext) {
    const survey = await this.#authorised(ctx)
    return ctx.view.render('pages/staff/surveys/form', { survey })
  }

  async update(ctx: HttpContext) {
    const survey = await this.#authorised(ctx)
    const payload = await ctx.request.validateUsing(surveyValidator)
    await Surveys.update(survey, payload)
    await this.#audit(ctx, survey, 'survey.updated')
    ctx.session.flash('success', `The survey “${survey.title}” has been saved.`)
    return ctx.response.redirect().toPath(`/staff/surveys/${survey.id}`)
  }

  async #authorised({ params, bouncer }: HttpContext) {
    const survey = await Survey.findOrFail(params.id)
    await bouncer.with('SurveyPolicy').authorize('manage', survey)
    return survey
  }

  async #audit(ctx: HttpContext, survey: Survey, action: string) {
    await AuditLogger.record(ctx, {
      action,
      organisationId: survey.organisationId,
      subjectType: 'survey',
      subjectId: survey.id,
      details: { title: survey.title },
    })
  }
}
