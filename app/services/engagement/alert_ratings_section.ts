import type { AlertPageSection } from '#services/messaging/alert_page_sections'
import { RATINGS, RATING_LABELS, type Rating } from '#models/engagement/alert_rating'
import RatingFigures from '#services/engagement/rating_figures'
import LondonTime from '#services/platform/infrastructure/london_time'

function pageFrom(value: unknown) {
  const page = Number(value)
  return Number.isSafeInteger(page) && page >= 1 ? page : 1
}

/**
 * "What residents thought" on the staff alert page: how many chose each
 * rating, and their comments a page at a time (?comments_page=2). The page
 * is authorised for the alert's organisation before this is asked.
 */
export const alertRatingsSection: AlertPageSection = {
  view: 'pages/staff/alerts/_ratings',
  async data({ alertId, query }) {
    const counts = await RatingFigures.forAlert(alertId)
    let comments = await RatingFigures.comments(alertId, pageFrom(query.comments_page))
    // An old or edited address past the last page shows the last page rather than nothing.
    if (comments.currentPage > comments.lastPage && comments.total > 0) {
      comments = await RatingFigures.comments(alertId, comments.lastPage)
    }
    return {
      rows: RATINGS.map((rating) => ({
        rating,
        label: RATING_LABELS[rating],
        count: counts[rating],
      })),
      total: counts.total,
      comments: comments.all().map((row) => ({
        label: RATING_LABELS[row.rating as Rating] ?? row.rating,
        comment: row.comment,
        when: LondonTime.short(row.updatedAt),
      })),
      pages: {
        current: comments.currentPage,
        last: comments.lastPage,
        total: comments.total,
        previous:
          comments.currentPage > 1
            ? `/staff/alerts/${alertId}?comments_page=${comments.currentPage - 1}#ratings`
            : null,
        next: comments.hasMorePages
          ? `/staff/alerts/${alertId}?comments_page=${comments.currentPage + 1}#ratings`
          : null,
      },
    }
  },
}
