import type { HttpContext } from '@adonisjs/core/http'
import { COMMENT_MAX_LENGTH, RATINGS, type Rating } from '#models/engagement/alert_rating'
import PublicAlerts from '#services/messaging/public_alerts'
import { presentAlert } from '#services/messaging/public_alert_view'
import AlertRatingLinks from '#services/engagement/alert_rating_links'
import type { RatingSubject } from '#services/engagement/alert_ratings'

function choiceList(selected: Rating | null) {
  return RATINGS.map((rating) => ({
    value: rating,
    checked: rating === selected,
  }))
}

/**
 * The page a resident's rating link opens: the alert, and below it the
 * choices (the one clicked already chosen) or, once rated, their rating and a
 * box for a comment. A published alert is shown as its public page is
 * (pages/alerts/show.edge, drawn here without the public cache); one that is
 * not has a page of its own (pages/alerts/rate.edge).
 */
export default class RatingPage {
  static panel(
    { residentId, alert, current }: RatingSubject,
    expires: string,
    chosen: Rating | null
  ) {
    const action = AlertRatingLinks.page(residentId, alert.id, expires)
    if (chosen || !current) {
      return {
        mode: 'choose' as const,
        // The rating's name; the page shows its label in the resident's language.
        current: current?.rating ?? null,
        choices: choiceList(chosen ?? current?.rating ?? null),
        action,
      }
    }
    return {
      mode: 'rated' as const,
      rating: current.rating,
      comment: current.comment,
      commentMaxLength: COMMENT_MAX_LENGTH,
      commentAction: AlertRatingLinks.comment(residentId, alert.id, expires),
      choices: choiceList(current.rating),
      action,
    }
  }

  static async render(
    view: HttpContext['view'],
    subject: RatingSubject,
    expires: string,
    chosen: Rating | null
  ) {
    const rating = this.panel(subject, expires, chosen)
    const published = await PublicAlerts.find(subject.alert.id)
    if (published) {
      const areas = await PublicAlerts.areasOf([published])
      return view.render('pages/alerts/show', {
        alert: presentAlert(published, areas.get(published.id) ?? []),
        rating,
      })
    }
    return view.render('pages/alerts/rate', {
      alert: subject.alert,
      organisationName: subject.alert.organisation.name,
      rating,
    })
  }
}
