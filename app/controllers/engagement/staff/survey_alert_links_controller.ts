import type { HttpContext } from '@adonisjs/core/http'
import { errors } from '@vinejs/vine'
import Survey from '#models/engagement/survey'
import AuditLogger from '#services/platform/audit/audit_logger'
import SurveyAlertLink from '#services/engagement/surveys/survey_alert_link'

/** "Send with an alert" on the survey's page: which unsent alert carries residents' own links. */
export default class SurveyAlertLinksController {
  async update(ctx: HttpContext) {
    const { params, request, response, bouncer, session } = ctx
    const survey = await Survey.findOrFail(params.id)
    await bouncer.with('SurveyPolicy').authorize('manage', survey)
    const back = `/staff/surveys/${survey.id}#send-with-alert`
    if (!(await SurveyAlertLink.changeable(survey))) {
      session.flash('error', 'The alert this survey went with has been sent, so it stays linked.')
      return response.redirect().toPath(back)
    }
    const chosen = String(request.input('alert_id', '') ?? '')
    if (chosen === '') {
      await SurveyAlertLink.link(survey, null)
      session.flash('success', 'The survey no longer goes with an alert.')
      return response.redirect().toPath(back)
    }
    const checked = /^\d+$/.test(chosen)
      ? await SurveyAlertLink.check(survey, Number(chosen))
      : ({ problem: 'Choose one of your organisation’s alerts from the list' } as const)
    if ('problem' in checked) {
      throw new errors.E_VALIDATION_ERROR([
        { field: 'alert_id', message: checked.problem, rule: 'alert' },
      ])
    }
    await bouncer.with('AlertPolicy').authorize('send', checked.alert)
    await SurveyAlertLink.link(survey, checked.alert)
    await AuditLogger.record(ctx, {
      action: 'survey.linked_to_alert',
      organisationId: survey.organisationId,
      subjectType: 'survey',
      subjectId: survey.id,
      details: { alertId: checked.alert.id },
    })
    session.flash(
      'success',
      `When “${checked.alert.title}” is sent, each email carries the resident’s own link to this survey.`
    )
    return response.redirect().toPath(back)
  }
}
