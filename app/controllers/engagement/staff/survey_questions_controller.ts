import type { HttpContext } from '@adonisjs/core/http'
import { errors } from '@vinejs/vine'
import Survey from '#models/engagement/survey'
import SurveyQuestion, {
  QUESTION_KINDS,
  QUESTION_KIND_LABELS,
} from '#models/engagement/survey_question'
import AuditLogger from '#services/platform/audit/audit_logger'
import Surveys from '#services/engagement/surveys/surveys'
import SurveyQuestions, { type QuestionFields } from '#services/engagement/surveys/survey_questions'
import { questionValidator } from '#validators/engagement/surveys'

const LOCKED =
  'This survey has responses, so its questions cannot change: the results would mix answers to different questions.'

/**
 * A survey's questions: added, changed, moved up or down and removed (after
 * asking) while nobody has answered it; once someone has, every action here
 * is refused with the reason.
 */
export default class SurveyQuestionsController {
  async create(ctx: HttpContext) {
    const survey = await this.#editable(ctx)
    if (!survey) return
    return ctx.view.render('pages/staff/surveys/question_form', this.#formState(survey, null))
  }

  async store(ctx: HttpContext) {
    const survey = await this.#editable(ctx)
    if (!survey) return
    const fields = await this.#validate(ctx)
    const question = await SurveyQuestions.add(survey, fields)
    await this.#audit(ctx, survey, 'survey.question_added', question)
    ctx.session.flash('success', 'The question has been added.')
    return ctx.response.redirect().toPath(`/staff/surveys/${survey.id}#questions`)
  }

  async edit(ctx: HttpContext) {
    const survey = await this.#editable(ctx)
    if (!survey) return
    const question = await this.#question(ctx, survey)
    return ctx.view.render('pages/staff/surveys/question_form', this.#formState(survey, question))
  }

  async update(ctx: HttpContext) {
    const survey = await this.#editable(ctx)
    if (!survey) return
    const question = await this.#question(ctx, survey)
    const fields = await this.#validate(ctx)
    await SurveyQuestions.update(question, fields)
    await this.#audit(ctx, survey, 'survey.question_changed', question)
    ctx.session.flash('success', 'The question has been saved.')
    return ctx.response.redirect().toPath(`/staff/surveys/${survey.id}#questions`)
  }

  async move(ctx: HttpContext) {
    const survey = await this.#editable(ctx)
    if (!survey) return
    const question = await this.#question(ctx, survey)
    const direction = ctx.request.input('direction') === 'up' ? 'up' : 'down'
    if (await SurveyQuestions.move(survey, question, direction)) {
      ctx.session.flash('success', `“${question.prompt}” has moved ${direction}.`)
    }
    return ctx.response.redirect().toPath(`/staff/surveys/${survey.id}#questions`)
  }

  async confirmDestroy(ctx: HttpContext) {
    const survey = await this.#editable(ctx)
    if (!survey) return
    const question = await this.#question(ctx, survey)
    return ctx.view.render('pages/staff/surveys/question_delete', { survey, question })
  }

  async destroy(ctx: HttpContext) {
    const survey = await this.#editable(ctx)
    if (!survey) return
    const question = await this.#question(ctx, survey)
    await SurveyQuestions.remove(question)
    await this.#audit(ctx, survey, 'survey.question_removed', question)
    ctx.session.flash('success', `The question “${question.prompt}” has been removed.`)
    return ctx.response.redirect().toPath(`/staff/surveys/${survey.id}#questions`)
  }

  /** The common fields by VineJS, then what the chosen kind needs, all shown together. */
  async #validate({ request }: HttpContext) {
    const [invalid, fields] = await request.tryValidateUsing(questionValidator)
    // With the common fields wrong too, what the kind needs is still checked from what was sent.
    const problems = SurveyQuestions.kindProblems(fields ?? this.#sent(request))
    if (invalid || Object.keys(problems).length) {
      const messages = [
        ...(invalid?.messages ?? []),
        ...Object.entries(problems).map(([field, message]) => ({ field, message, rule: 'kind' })),
      ]
      throw new errors.E_VALIDATION_ERROR(messages)
    }
    return fields!
  }

  #sent(request: HttpContext['request']): QuestionFields {
    const number = (value: unknown) => (/^\d+$/.test(String(value)) ? Number(value) : undefined)
    const options = request.input('options')
    return {
      kind: request.input('kind'),
      prompt: '',
      options: typeof options === 'string' ? options : undefined,
      scale_min: number(request.input('scale_min')),
      scale_max: number(request.input('scale_max')),
    }
  }

  /** The survey, for staff who may manage it; null (with a redirect and the reason) once it has answers. */
  async #editable(ctx: HttpContext) {
    const survey = await Survey.findOrFail(ctx.params.id)
    await ctx.bouncer.with('SurveyPolicy').authorize('manage', survey)
    if (await Surveys.isLocked(survey)) {
      ctx.session.flash('error', LOCKED)
      ctx.response.redirect().toPath(`/staff/surveys/${survey.id}`)
      return null
    }
    return survey
  }

  async #question({ params }: HttpContext, survey: Survey) {
    return SurveyQuestion.query()
      .where('survey_id', survey.id)
      .where('id', params.questionId)
      .firstOrFail()
  }

  #formState(survey: Survey, question: SurveyQuestion | null) {
    return {
      survey,
      question,
      kinds: QUESTION_KINDS.map((kind) => ({ value: kind, label: QUESTION_KIND_LABELS[kind] })),
      scaleMaxes: [2, 3, 4, 5, 6, 7, 8, 9, 10],
    }
  }

  async #audit(ctx: HttpContext, survey: Survey, action: string, question: SurveyQuestion) {
    await AuditLogger.record(ctx, {
      action,
      organisationId: survey.organisationId,
      subjectType: 'survey',
      subjectId: survey.id,
      details: { questionId: question.id, prompt: question.prompt },
    })
  }
}
