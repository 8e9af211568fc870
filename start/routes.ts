import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'
import { publicFormThrottle, staffLoginThrottle } from '#start/limiter'

const AssetsController = () => import('#controllers/platform/assets_controller')
const HomeController = () => import('#controllers/platform/home_controller')
const SignUpsController = () => import('#controllers/residents/sign_ups_controller')
const ConfirmationsController = () => import('#controllers/residents/confirmations_controller')
const UnsubscribesController = () => import('#controllers/residents/unsubscribes_controller')
const LanguageSwitchesController = () =>
  import('#controllers/residents/language_switches_controller')
const StaffSessionsController = () => import('#controllers/platform/staff/sessions_controller')
const DashboardController = () => import('#controllers/messaging/staff/dashboard_controller')
const AlertsController = () => import('#controllers/messaging/staff/alerts_controller')
const AlertDraftsController = () => import('#controllers/messaging/staff/alert_drafts_controller')
const AlertSendsController = () => import('#controllers/messaging/staff/alert_sends_controller')
const AlertControlsController = () =>
  import('#controllers/messaging/staff/alert_controls_controller')
const AudienceController = () => import('#controllers/targeting/staff/audience_controller')
const OutboxController = () => import('#controllers/platform/staff/outbox_controller')

router.get('/vendor/govuk-frontend.css', [AssetsController, 'govukCss']).as('assets.govuk_css')
router.get('/vendor/govuk-frontend.js', [AssetsController, 'govukJs']).as('assets.govuk_js')

// Residents
router.get('/', [HomeController, 'index']).as('home')
router
  .get('/language/:locale', [LanguageSwitchesController, 'update'])
  .as('language.switch')
  .where('locale', /^(cy|en)$/)
router.get('/sign-up', [SignUpsController, 'create']).as('signups.create')
router.post('/sign-up', [SignUpsController, 'store']).as('signups.store').use(publicFormThrottle)
router.get('/sign-up/check-your-email', [SignUpsController, 'checkEmail']).as('signups.check_email')
router.get('/confirm/:token', [ConfirmationsController, 'show']).as('confirmations.show')
router.post('/confirm/:token', [ConfirmationsController, 'store']).as('confirmations.store')
router
  .get('/unsubscribe/:id', [UnsubscribesController, 'show'])
  .as('unsubscribe.show')
  .where('id', router.matchers.number())
router
  .post('/unsubscribe/:id', [UnsubscribesController, 'store'])
  .as('unsubscribe.store')
  .where('id', router.matchers.number())
router
  .post('/unsubscribe/:id/one-click', [UnsubscribesController, 'oneClick'])
  .as('unsubscribe.one_click')
  .where('id', router.matchers.number())

// Staff
router
  .group(() => {
    router.get('/login', [StaffSessionsController, 'create']).as('staff.login')
    router
      .post('/login', [StaffSessionsController, 'store'])
      .as('staff.login.store')
      .use(staffLoginThrottle)
  })
  .prefix('/staff')
  .use(middleware.guest())

router
  .group(() => {
    router.post('/logout', [StaffSessionsController, 'destroy']).as('staff.logout')
    router.get('/', [DashboardController, 'index']).as('staff.dashboard')
    router.get('/alerts/new', [AlertDraftsController, 'create']).as('staff.alerts.create')
    router.post('/alerts', [AlertDraftsController, 'store']).as('staff.alerts.store')
    router
      .get('/alerts/:id', [AlertsController, 'show'])
      .as('staff.alerts.show')
      .where('id', router.matchers.number())
    router
      .get('/alerts/:id/progress', [AlertsController, 'progress'])
      .as('staff.alerts.progress')
      .where('id', router.matchers.number())
    router
      .post('/alerts/:id/send', [AlertSendsController, 'store'])
      .as('staff.alerts.send')
      .where('id', router.matchers.number())
    for (const action of ['pause', 'resume', 'cancel'] as const) {
      router
        .post(`/alerts/:id/${action}`, [AlertControlsController, action])
        .as(`staff.alerts.${action}`)
        .where('id', router.matchers.number())
    }
    router
      .get('/alerts/:id/cancel', [AlertControlsController, 'cancelConfirmation'])
      .as('staff.alerts.cancel_confirmation')
      .where('id', router.matchers.number())
    router.get('/audience/count', [AudienceController, 'count']).as('audience.count')
    router.get('/outbox', [OutboxController, 'index']).as('outbox.index')
    router
      .get('/outbox/:id', [OutboxController, 'show'])
      .as('outbox.show')
      .where('id', router.matchers.number())
  })
  .prefix('/staff')
  .use([middleware.auth(), middleware.staff()])

await import('#start/routes/sign_up')
await import('#start/routes/self_service')
await import('#start/routes/staff_residents')
await import('#start/routes/public_archive')
await import('#start/routes/api')
await import('#start/routes/staff_accounts')
await import('#start/routes/approval_and_scheduling')
await import('#start/routes/targeting')
await import('#start/routes/compose_previews')
await import('#start/routes/organisation_switch')
await import('#start/routes/organisations')
await import('#start/routes/areas')
await import('#start/routes/site')
await import('#start/routes/plugin_settings')
await import('#start/routes/channel_health')
await import('#start/routes/verify')
await import('#start/routes/delivery_reports')
await import('#start/routes/engagement')
await import('#start/routes/tell_us')
await import('#start/routes/forwards')
await import('#start/routes/virtual_schemes')
await import('#start/routes/surveys')
await import('#start/routes/tracking')
await import('#start/routes/scheme_coordination')
