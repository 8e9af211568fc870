import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const AlertRatingsController = () => import('#controllers/engagement/alert_ratings_controller')
const RatingReportsController = () =>
  import('#controllers/engagement/staff/rating_reports_controller')

const number = router.matchers.number()
const day = { match: /^\d{4}-\d{2}-\d{2}$/ }

// Rating an alert from its signed links (app/services/engagement/alert_rating_links.ts builds
// these paths; the email's links add ?choice=). Signed for one resident and alert, so no
// public-form throttle is needed.
router
  .get('/alerts/:alertId/ratings/:residentId/:expires', [AlertRatingsController, 'show'])
  .as('alert_ratings.show')
  .where('alertId', number)
  .where('residentId', number)
  .where('expires', day)
router
  .post('/alerts/:alertId/ratings/:residentId/:expires', [AlertRatingsController, 'store'])
  .as('alert_ratings.store')
  .where('alertId', number)
  .where('residentId', number)
  .where('expires', day)
router
  .post('/alerts/:alertId/ratings/:residentId/:expires/comment', [
    AlertRatingsController,
    'comment',
  ])
  .as('alert_ratings.comment')
  .where('alertId', number)
  .where('residentId', number)
  .where('expires', day)

// Reports → Alert ratings: the current organisation's figures by month.
router
  .get('/staff/reports/ratings', [RatingReportsController, 'index'])
  .as('rating_reports.index')
  .use([middleware.auth(), middleware.staff()])
