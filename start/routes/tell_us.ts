import router from '@adonisjs/core/services/router'
import ResidentSessionMiddleware from '#middleware/residents/resident_session_middleware'
import { middleware } from '#start/kernel'
import { publicFormThrottle } from '#start/limiter'

const TellUsController = () => import('#controllers/engagement/tell_us_controller')
const ReportAttachmentsController = () =>
  import('#controllers/engagement/staff/report_attachments_controller')

const number = router.matchers.number()
const day = { match: /^\d{4}-\d{2}-\d{2}$/ }
const residentSession = new ResidentSessionMiddleware()

// "Tell us something" (app/controllers/engagement/tell_us_controller.ts): the emergency
// guidance for anyone, then the form for a signed-in resident.
router.get('/tell-us', [TellUsController, 'guidance']).as('tell_us.guidance')
router.get('/tell-us/sent', [TellUsController, 'sent']).as('tell_us.sent')
router
  .get('/my-alerts/tell-us/report', [TellUsController, 'form'])
  .as('tell_us.form')
  .use((ctx, next) => residentSession.handle(ctx, next))
router
  .post('/my-alerts/tell-us/report', [TellUsController, 'store'])
  .as('tell_us.store')
  .use([publicFormThrottle, (ctx, next) => residentSession.handle(ctx, next)])

// The same from an alert's email, signed for one resident and alert (report_links.ts).
router
  .get('/alerts/:alertId/tell-us/:residentId/:expires', [TellUsController, 'signedGuidance'])
  .as('tell_us.signed_guidance')
  .where('alertId', number)
  .where('residentId', number)
  .where('expires', day)
router
  .get('/alerts/:alertId/tell-us/:residentId/:expires/report', [TellUsController, 'signedForm'])
  .as('tell_us.signed_form')
  .where('alertId', number)
  .where('residentId', number)
  .where('expires', day)
router
  .post('/alerts/:alertId/tell-us/:residentId/:expires/report', [TellUsController, 'signedStore'])
  .as('tell_us.signed_store')
  .where('alertId', number)
  .where('residentId', number)
  .where('expires', day)
  .use(publicFormThrottle)

// A report's attachment, for staff of its organisation only, as a download.
router
  .get('/staff/inbox/:id/attachments/:attachmentId', [ReportAttachmentsController, 'show'])
  .as('inbox.attachment')
  .where('id', number)
  .where('attachmentId', number)
  .use([middleware.auth(), middleware.staff()])
