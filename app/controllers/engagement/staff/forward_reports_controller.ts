import type { HttpContext } from '@adonisjs/core/http'
import ForwardFigures from '#services/engagement/forward_figures'
import { PERIODS, type Period } from '#services/engagement/rating_figures'
import { ratingReportValidator } from '#validators/engagement/alert_ratings'

const DEFAULT_PERIOD: Period = 12

/** Reports → Forwarding and reach: what residents sharing the organisation's alerts achieved. */
export default class ForwardReportsController {
  async index({ request, view, membership, bouncer }: HttpContext) {
    await bouncer.with('AlertPolicy').authorize('viewList', membership.organisationId)
    // The picker cannot send another value; an edited address gets the default period and is told.
    const [invalid, valid] = await request.tryValidateUsing(ratingReportValidator, {
      data: request.qs(),
    })
    const months = (valid?.months ?? DEFAULT_PERIOD) as Period
    return view.render('pages/staff/reports/forwards', {
      months,
      periods: PERIODS.map((value) => ({ value, label: `The last ${value} months` })),
      figures: await ForwardFigures.byMonth(membership.organisationId, months),
      unrecognisedPeriod: invalid !== null,
    })
  }
}
