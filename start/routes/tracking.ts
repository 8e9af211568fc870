import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const TrackingSettingsController = () =>
  import('#controllers/messaging/staff/tracking_settings_controller')

// A tracked alert email's image (/o/<token>.gif) and links (/c/<token>/<n>) are answered before the
// router, without a session, by app/middleware/messaging/tracking_middleware.ts.

// Reports → Alerts and deliveries: the open and click rates' CSVs, beside the report's own.
const OpenClickReportsController = () =>
  import('#controllers/engagement/staff/open_click_reports_controller')
router
  .get('/staff/reports/alerts/opens-and-clicks/:table', [OpenClickReportsController, 'csv'])
  .as('open_click_reports.csv')
  .where('table', { match: /^(open-click-rates|opens-and-clicks)\.csv$/ })
  .use([middleware.auth(), middleware.staff()])

// Settings → Tracking: the organisation's "Track opens and clicks".
router
  .group(() => {
    router.get('/tracking', [TrackingSettingsController, 'show']).as('tracking_settings.show')
    router.post('/tracking', [TrackingSettingsController, 'update']).as('tracking_settings.update')
  })
  .prefix('/staff/settings')
  .use([middleware.auth(), middleware.staff()])
