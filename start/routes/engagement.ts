import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'
import { publicFormThrottle } from '#start/limiter'

const AlertRatingsController = () => import('#controllers/engagement/alert_ratings_controller')
const RatingReportsController = () =>
  import('#controllers/engagement/staff/rating_reports_controller')
const RatingShortLinksController = () =>
  import('#controllers/engagement/rating_short_links_controller')
const InboundEmailController = () => import('#controllers/engagement/inbound_email_controller')
const AlertRepliesController = () => import('#controllers/engagement/alert_replies_controller')
const ReplyInboxController = () => import('#controllers/engagement/staff/reply_inbox_controller')

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

// The short rating link in texts and push notifications (app/services/engagement/rating_short_links.ts),
// on to the signed rating page above.
router.get('/r/:code', [RatingShortLinksController, 'show']).as('rating_short_links.show')

// Reports → Alert ratings: the current organisation's figures by month.
router
  .get('/staff/reports/ratings', [RatingReportsController, 'index'])
  .as('rating_reports.index')
  .use([middleware.auth(), middleware.staff()])

// Replying to an alert's sender from the signed link in it (app/services/engagement/replies/reply_links.ts).
// Signed for one resident and alert; sending is throttled as public forms are, as each
// reply lands in staff's inbox.
router
  .get('/alerts/:alertId/replies/:residentId/:expires', [AlertRepliesController, 'show'])
  .as('alert_replies.show')
  .where('alertId', number)
  .where('residentId', number)
  .where('expires', day)
router
  .post('/alerts/:alertId/replies/:residentId/:expires', [AlertRepliesController, 'store'])
  .as('alert_replies.store')
  .where('alertId', number)
  .where('residentId', number)
  .where('expires', day)
  .use(publicFormThrottle)

// Residents' replies by email, handed over by the mail relay, signed (docs/deploy.md); exempt from
// CSRF in config/shield.ts because the controller checks the signature before reading anything.
router.post('/inbound/email', [InboundEmailController, 'receive']).as('inbound_email.receive')

// Residents → Inbox: residents' replies to the current organisation's alerts.
router
  .group(() => {
    router.get('/inbox', [ReplyInboxController, 'index']).as('inbox.index')
    router.get('/inbox/:id', [ReplyInboxController, 'show']).as('inbox.show').where('id', number)
    router
      .post('/inbox/:id/assign', [ReplyInboxController, 'assign'])
      .as('inbox.assign')
      .where('id', number)
    router
      .post('/inbox/:id/answer', [ReplyInboxController, 'answer'])
      .as('inbox.answer')
      .where('id', number)
    router
      .get('/inbox/:id/close', [ReplyInboxController, 'confirmClose'])
      .as('inbox.confirm_close')
      .where('id', number)
    router
      .post('/inbox/:id/close', [ReplyInboxController, 'close'])
      .as('inbox.close')
      .where('id', number)
    router
      .post('/inbox/:id/reopen', [ReplyInboxController, 'reopen'])
      .as('inbox.reopen')
      .where('id', number)
  })
  .prefix('/staff')
  .use([middleware.auth(), middleware.staff()])

// Reports → Residents and Reports → Alerts and deliveries: the current organisation's figures
// for a period; each table's CSV at <report>/<table>.csv with the same period.
const ResidentReportsController = () =>
  import('#controllers/engagement/staff/resident_reports_controller')
const AlertActivityReportsController = () =>
  import('#controllers/engagement/staff/alert_activity_reports_controller')
const RepresentationReportsController = () =>
  import('#controllers/engagement/staff/representation_reports_controller')
router
  .group(() => {
    router.get('/residents', [ResidentReportsController, 'index']).as('resident_reports.index')
    router
      .get('/residents/:table', [ResidentReportsController, 'csv'])
      .as('resident_reports.csv')
      .where('table', { match: /^(over-time|sources|districts|wards|channels)\.csv$/ })
    router
      .get('/alerts', [AlertActivityReportsController, 'index'])
      .as('alert_activity_reports.index')
    router
      .get('/alerts/:table', [AlertActivityReportsController, 'csv'])
      .as('alert_activity_reports.csv')
      .where('table', { match: /^(by-category|categories|priorities|by-channel|deliveries)\.csv$/ })
    router
      .get('/who-we-reach', [RepresentationReportsController, 'index'])
      .as('representation_reports.index')
    router
      .get('/who-we-reach/:table', [RepresentationReportsController, 'csv'])
      .as('representation_reports.csv')
      .where('table', { match: /^(wards|districts|groups|ranked|ward-groups)\.csv$/ })
  })
  .prefix('/staff/reports')
  .use([middleware.auth(), middleware.staff()])
