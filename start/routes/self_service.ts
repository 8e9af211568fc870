import router from '@adonisjs/core/services/router'
import ResidentSessionMiddleware from '#middleware/residents/resident_session_middleware'
import { middleware } from '#start/kernel'
import { publicFormThrottle } from '#start/limiter'

const MagicLinksController = () =>
  import('#controllers/residents/self_service/magic_links_controller')
const SessionsController = () => import('#controllers/residents/self_service/sessions_controller')
const AccountController = () => import('#controllers/residents/self_service/account_controller')
const PreferencesController = () =>
  import('#controllers/residents/self_service/preferences_controller')
const ConsentsController = () => import('#controllers/residents/self_service/consents_controller')
const TrackingPreferenceController = () =>
  import('#controllers/residents/self_service/tracking_preference_controller')
const DetailsController = () => import('#controllers/residents/self_service/details_controller')
const AboutYouController = () => import('#controllers/residents/self_service/about_you_controller')
const ReceivedAlertsController = () =>
  import('#controllers/messaging/self_service/received_alerts_controller')
const DataController = () => import('#controllers/residents/self_service/data_controller')
const ErasureController = () => import('#controllers/residents/self_service/erasure_controller')
const ContactChangesController = () =>
  import('#controllers/residents/self_service/contact_changes_controller')
const PhoneVerificationsController = () =>
  import('#controllers/residents/self_service/phone_verifications_controller')
const AccessHelpController = () =>
  import('#controllers/residents/self_service/access_help_controller')

// Residents sign in with a link sent by email; they have no password.
router
  .group(() => {
    router.get('/', [MagicLinksController, 'create']).as('self_service.request')
    router
      .post('/', [MagicLinksController, 'store'])
      .as('self_service.request.store')
      .use([publicFormThrottle, middleware.honeypot()])
    router
      .get('/check-your-email', [MagicLinksController, 'checkEmail'])
      .as('self_service.check_email')
    // For a resident who can no longer open their email: staff answer it (access_help_requests.ts).
    router.get('/help', [AccessHelpController, 'create']).as('self_service.help')
    router
      .post('/help', [AccessHelpController, 'store'])
      .as('self_service.help.store')
      .use([publicFormThrottle, middleware.honeypot()])
    router.get('/help/sent', [AccessHelpController, 'sent']).as('self_service.help.sent')
    router.get('/sign-in/:token', [SessionsController, 'show']).as('self_service.sign_in.show')
    router
      .post('/sign-in/:token', [SessionsController, 'store'])
      .as('self_service.sign_in.store')
      .use(publicFormThrottle)
    router.post('/sign-out', [SessionsController, 'destroy']).as('self_service.sign_out')
    router.get('/account-deleted', [ErasureController, 'done']).as('self_service.erased')
    router
      .get('/confirm-change/:token', [ContactChangesController, 'show'])
      .as('contact_changes.show')
    router
      .post('/confirm-change/:token', [ContactChangesController, 'store'])
      .as('contact_changes.store')
      .use(publicFormThrottle)
  })
  .prefix('/my-alerts')

// The named middleware list lives in start/kernel.ts, which this part of Beacon does not own.
const residentSession = new ResidentSessionMiddleware()

router
  .group(() => {
    router.get('/account', [AccountController, 'show']).as('self_service.account')
    router.post('/stop', [AccountController, 'stop']).as('self_service.stop')
    router.post('/resume', [AccountController, 'resume']).as('self_service.resume')
    router
      .get('/sign-out-everywhere', [SessionsController, 'confirmEverywhere'])
      .as('self_service.sign_out_everywhere.confirm')
    router
      .post('/sign-out-everywhere', [SessionsController, 'destroyEverywhere'])
      .as('self_service.sign_out_everywhere')

    router
      .get('/channels/:channel', [PreferencesController, 'editChannel'])
      .as('self_service.channel.edit')
    router
      .post('/channels/:channel', [PreferencesController, 'updateChannel'])
      .as('self_service.channel.update')
    router
      .get('/priority', [PreferencesController, 'editPriority'])
      .as('self_service.priority.edit')
    router
      .post('/priority', [PreferencesController, 'updatePriority'])
      .as('self_service.priority.update')
    router
      .get('/language', [PreferencesController, 'editLanguage'])
      .as('self_service.language.edit')
    router
      .post('/language', [PreferencesController, 'updateLanguage'])
      .as('self_service.language.update')
    router
      .get('/topics', [PreferencesController, 'editInterests'])
      .as('self_service.interests.edit')
    router
      .post('/topics', [PreferencesController, 'updateInterests'])
      .as('self_service.interests.update')
    router.get('/schemes', [PreferencesController, 'editSchemes']).as('self_service.schemes.edit')
    router
      .post('/schemes', [PreferencesController, 'updateSchemes'])
      .as('self_service.schemes.update')

    router.get('/tracking', [TrackingPreferenceController, 'edit']).as('self_service.tracking.edit')
    router
      .post('/tracking', [TrackingPreferenceController, 'update'])
      .as('self_service.tracking.update')

    router.get('/organisations', [ConsentsController, 'edit']).as('self_service.consents.edit')
    router.post('/organisations', [ConsentsController, 'update']).as('self_service.consents.update')

    router.get('/name', [DetailsController, 'editName']).as('self_service.name.edit')
    router.post('/name', [DetailsController, 'updateName']).as('self_service.name.update')
    router.get('/email', [DetailsController, 'editEmail']).as('self_service.email.edit')
    router.post('/email', [DetailsController, 'updateEmail']).as('self_service.email.update')
    router.get('/where-you-live', [DetailsController, 'editHome']).as('self_service.home.edit')
    router.post('/where-you-live', [DetailsController, 'placeHome']).as('self_service.home.place')
    router
      .get('/where-you-live/check', [DetailsController, 'checkHome'])
      .as('self_service.home.check')
    router
      .post('/where-you-live/check', [DetailsController, 'moveHome'])
      .as('self_service.home.move')
    router.get('/about-you', [AboutYouController, 'edit']).as('self_service.about_you.edit')
    router.post('/about-you', [AboutYouController, 'update']).as('self_service.about_you.update')
    router
      .post('/about-you/clear', [AboutYouController, 'destroy'])
      .as('self_service.about_you.destroy')

    router.get('/received', [ReceivedAlertsController, 'index']).as('self_service.received')

    router.get('/your-data', [DataController, 'show']).as('self_service.data')
    router.get('/your-data/download.json', [DataController, 'json']).as('self_service.data.json')
    router.get('/your-data/download.csv', [DataController, 'csv']).as('self_service.data.csv')

    // A phone number is verified by a code sent to it (mobile or landline). Signed in, and limited
    // per resident and per number by ContactVerification (3 codes an hour, 5 to one number, 5 tries
    // each), not by address.
    router
      .get('/numbers/:kind', [PhoneVerificationsController, 'edit'])
      .as('self_service.numbers.edit')
    router
      .post('/numbers/:kind', [PhoneVerificationsController, 'send'])
      .as('self_service.numbers.send')
    router
      .get('/numbers/:kind/code', [PhoneVerificationsController, 'code'])
      .as('self_service.numbers.code')
    router
      .post('/numbers/:kind/code', [PhoneVerificationsController, 'check'])
      .as('self_service.numbers.check')

    router.get('/delete-account', [ErasureController, 'confirm']).as('self_service.erase.confirm')
    router.post('/delete-account', [ErasureController, 'destroy']).as('self_service.erase')
  })
  .prefix('/my-alerts')
  .use((ctx, next) => residentSession.handle(ctx, next))
