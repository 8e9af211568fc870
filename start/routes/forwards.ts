import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'
import { publicFormThrottle } from '#start/limiter'

const AlertSharesController = () => import('#controllers/engagement/alert_shares_controller')
const ForwardedAlertsController = () =>
  import('#controllers/engagement/forwarded_alerts_controller')
const ForwardReportsController = () =>
  import('#controllers/engagement/staff/forward_reports_controller')

const number = router.matchers.number()
const day = { match: /^\d{4}-\d{2}-\d{2}$/ }

// A resident shares an alert from the signed link in it (app/services/engagement/alert_share_links.ts).
router
  .get('/alerts/:alertId/share/:residentId/:expires', [AlertSharesController, 'show'])
  .as('alert_shares.show')
  .where('alertId', number)
  .where('residentId', number)
  .where('expires', day)
// Sends an email to a neighbour: limited per address as every public form, and per resident a day.
router
  .post('/alerts/:alertId/share/:residentId/:expires', [AlertSharesController, 'email'])
  .as('alert_shares.email')
  .where('alertId', number)
  .where('residentId', number)
  .where('expires', day)
  .use(publicFormThrottle)

// What a neighbour opens.
router
  .get('/f/:code', [ForwardedAlertsController, 'show'])
  .as('forwarded_alerts.show')
  .where('code', { match: /^[2-9A-Za-z]{10}$/ })

// Reports → Forwarding and reach.
router
  .get('/staff/reports/forwards', [ForwardReportsController, 'index'])
  .as('forward_reports.index')
  .use([middleware.auth(), middleware.staff()])
