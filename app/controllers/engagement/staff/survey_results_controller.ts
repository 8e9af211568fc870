import type { HttpContext } from '@adonisjs/core/http'
import { errors as lucidErrors } from '@adonisjs/lucid'
import Survey from '#models/engagement/survey'
import SurveyQuestion from '#models/engagement/survey_question'
import AuditLogger from '#services/platform/audit/audit_logger'
import { chartCsv } from '#services/platform/charts/chart_csv'
import { spreadsheetCsvStream } from '#services/platform/infrastructure/spreadsheet_csv'
import LondonTime from '#services/platform/infrastructure/london_time'
import { fromStoredTime } from '#services/platform/infrastructure/stored_time'
import SurveyResults from '#services/engagement/surveys/survey_results'
import SurveyAreaBreakdown from '#services/engagement/surveys/survey_area_breakdown'
import SurveyResponseRows from '#services/engagement/surveys/survey_response_rows'

const PREVIEW = 5

function pageFrom(value: unknown) {
  const page = Number(value)
  return Number.isSafeInteger(page) && page >= 1 ? page : 1
}

/** A survey's results for the staff who built it: figures, charts, free text, breakdown by area, CSV. */
export default class SurveyResultsController {
  async show(ctx: HttpContext) {
    const { survey, questions } = await this.#authorised(ctx)
    const results = await SurveyResults.questions(survey, questions)
    const texts = new Map<number, { text: string; when: string }[]>()
    for (const result of results.filter((one) => one.question.kind === 'text')) {
      const page = await SurveyResults.textAnswers(result.question, 1, PREVIEW)
      texts.set(result.question.id, this.#texts(page.all()))
    }
    return ctx.view.render('pages/staff/surveys/results', {
      survey,
      totals: await SurveyResults.totals(survey.id),
      results: results.map((result) => ({ ...result, texts: texts.get(result.question.id) ?? [] })),
      areaTables: await SurveyAreaBreakdown.of(survey.id, questions),
      preview: PREVIEW,
    })
  }

  /** Every answer to a free-text question, a page at a time. */
  async textAnswers(ctx: HttpContext) {
    const { survey, questions } = await this.#authorised(ctx)
    const question = this.#question(ctx, questions)
    const answers = await SurveyResults.textAnswers(question, pageFrom(ctx.request.qs().page))
    answers.baseUrl(`/staff/surveys/${survey.id}/results/questions/${question.id}/answers`)
    return ctx.view.render('pages/staff/surveys/text_answers', {
      survey,
      question,
      answers,
      texts: this.#texts(answers.all()),
    })
  }

  /** One question's chart figures, as its table shows them. */
  async questionCsv(ctx: HttpContext) {
    const { survey, questions } = await this.#authorised(ctx)
    const question = this.#question(ctx, questions)
    const [result] = await SurveyResults.questions(survey, [question])
    if (!result.chart) return ctx.response.notFound('A free-text question has no figures')
    this.#download(ctx, `survey-${survey.id}-question-${question.id}.csv`)
    return chartCsv(result.chart)
  }

  /** Every response, one a row, streamed; the download is audited as an export of answers. */
  async responsesCsv(ctx: HttpContext) {
    const { survey, questions } = await this.#authorised(ctx)
    await AuditLogger.record(ctx, {
      action: 'survey.responses_exported',
      organisationId: survey.organisationId,
      subjectType: 'survey',
      subjectId: survey.id,
      details: { title: survey.title },
    })
    this.#download(ctx, `survey-${survey.id}-responses.csv`)
    ctx.response.stream(
      spreadsheetCsvStream(
        SurveyResponseRows.header(questions),
        SurveyResponseRows.pages(survey.id, questions)
      )
    )
  }

  #texts(rows: { text: string; created_at: unknown }[]) {
    return rows.map((row) => {
      const when = fromStoredTime(row.created_at)
      return { text: row.text, when: when ? LondonTime.short(when) : '' }
    })
  }

  #question({ params }: HttpContext, questions: SurveyQuestion[]) {
    const question = questions.find((one) => one.id === Number(params.questionId))
    if (!question) throw new lucidErrors.E_ROW_NOT_FOUND()
    return question
  }

  async #authorised({ params, bouncer }: HttpContext) {
    const survey = await Survey.findOrFail(params.id)
    await bouncer.with('SurveyPolicy').authorize('manage', survey)
    const questions = await SurveyQuestion.query()
      .where('survey_id', survey.id)
      .orderBy('position')
      .orderBy('id')
    return { survey, questions }
  }

  #download({ response }: HttpContext, filename: string) {
    response.header('content-type', 'text/csv; charset=utf-8')
    response.header('content-disposition', `attachment; filename="${filename}"`)
  }
}
