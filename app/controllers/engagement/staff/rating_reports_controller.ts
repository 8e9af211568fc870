import type { HttpContext } from '@adonisjs/core/http'
import { RATINGS, RATING_LABELS } from '#models/engagement/alert_rating'
import RatingFigures, { PERIODS, type Period } from '#services/engagement/rating_figures'
import { ratingReportValidator } from '#validators/engagement/alert_ratings'

const DEFAULT_PERIOD: Period = 12

/** Reports → Alert ratings: what residents thought of the organisation's alerts, month by month. */
export default class RatingReportsController {
  async index({ request, view, membership, bouncer }: HttpContext) {
    await bouncer.with('AlertPolicy').authorize('viewList', membership.organisationId)
    // The picker cannot send another value; an edited address gets the default period and is told.
    const [invalid, valid] = await request.tryValidateUsing(ratingReportValidator, {
      data: request.qs(),
    })
    const months = (valid?.months ?? DEFAULT_PERIOD) as Period
    const figures = await RatingFigures.byMonth(membership.organisationId, months)
    return view.render('pages/staff/reports/ratings', {
      months,
      periods: PERIODS.map((value) => ({ value, label: `The last ${value} months` })),
      columns: RATINGS.map((rating) => ({ rating, label: RATING_LABELS[rating] })),
      figures,
      unrecognisedPeriod: invalid !== null,
    })
  }
}
