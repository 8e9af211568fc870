import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'
import { publicFormThrottle } from '#start/limiter'

const SignUpsController = () => import('#controllers/residents/sign_ups_controller')
const SignUpChoicesController = () => import('#controllers/residents/sign_up_choices_controller')
const SignUpPhoneCodesController = () =>
  import('#controllers/residents/sign_up_phone_codes_controller')
const MapAssetsController = () => import('#controllers/areas/map_assets_controller')
const DoorstepController = () => import('#controllers/residents/staff/doorstep_controller')
const DoorstepVerificationsController = () =>
  import('#controllers/residents/staff/doorstep_verifications_controller')

router.get('/vendor/leaflet/leaflet.js', [MapAssetsController, 'leafletJs']).as('assets.leaflet_js')
router
  .get('/vendor/leaflet/leaflet.css', [MapAssetsController, 'leafletCss'])
  .as('assets.leaflet_css')

// Residents. GET and POST /sign-up (the first and the last step) are in start/routes.ts.
router.get('/sign-up/areas.geojson', [MapAssetsController, 'areaOutlines']).as('signups.areas')
router.post('/sign-up/postcode', [SignUpsController, 'storePostcode']).as('signups.postcode')
router.get('/sign-up/map', [SignUpsController, 'map']).as('signups.map')
router.post('/sign-up/map', [SignUpsController, 'storeMap']).as('signups.map.store')
router.get('/sign-up/ward', [SignUpsController, 'ward']).as('signups.ward')
router.post('/sign-up/ward', [SignUpsController, 'storeWard']).as('signups.ward.store')
router.get('/sign-up/contact', [SignUpsController, 'contact']).as('signups.contact')
router
  .post('/sign-up/contact', [SignUpsController, 'storeContact'])
  .as('signups.contact.store')
  .use([middleware.honeypot(), publicFormThrottle])
// The optional questions, each skippable.
router.get('/sign-up/topics', [SignUpChoicesController, 'topics']).as('signups.topics')
router.post('/sign-up/topics', [SignUpChoicesController, 'storeTopics']).as('signups.topics.store')
router.get('/sign-up/schemes', [SignUpChoicesController, 'schemes']).as('signups.schemes')
router
  .post('/sign-up/schemes', [SignUpChoicesController, 'storeSchemes'])
  .as('signups.schemes.store')
router.get('/sign-up/channels', [SignUpChoicesController, 'channels']).as('signups.channels')
router
  .post('/sign-up/channels', [SignUpChoicesController, 'storeChannels'])
  .as('signups.channels.store')
router.get('/sign-up/priority', [SignUpChoicesController, 'priority']).as('signups.priority')
router
  .post('/sign-up/priority', [SignUpChoicesController, 'storePriority'])
  .as('signups.priority.store')
router.get('/sign-up/about-you', [SignUpChoicesController, 'aboutYou']).as('signups.about_you')
router
  .post('/sign-up/about-you', [SignUpChoicesController, 'storeAboutYou'])
  .as('signups.about_you.store')
router.get('/sign-up/quiet-time', [SignUpChoicesController, 'quietTime']).as('signups.quiet_time')
router
  .post('/sign-up/quiet-time', [SignUpChoicesController, 'storeQuietTime'])
  .as('signups.quiet_time.store')
router
  .get('/sign-up/organisations', [SignUpsController, 'organisations'])
  .as('signups.organisations')
router
  .post('/sign-up/organisations', [SignUpsController, 'storeOrganisations'])
  .as('signups.organisations.store')
router.get('/sign-up/check', [SignUpsController, 'check']).as('signups.check')
// A sign-up by phone alone ends with the code sent to the number.
router.get('/sign-up/phone-code', [SignUpPhoneCodesController, 'show']).as('signups.phone_code')
router
  .post('/sign-up/phone-code', [SignUpPhoneCodesController, 'store'])
  .as('signups.phone_code.store')
  .use(publicFormThrottle)
router
  .post('/sign-up/phone-code/new', [SignUpPhoneCodesController, 'resend'])
  .as('signups.phone_code.resend')
  .use(publicFormThrottle)

// Staff
router
  .group(() => {
    router.get('/doorstep', [DoorstepController, 'create']).as('doorstep.create')
    router.post('/doorstep', [DoorstepController, 'store']).as('doorstep.store')
    router.get('/doorstep/verify', [DoorstepVerificationsController, 'show']).as('doorstep.verify')
    router
      .post('/doorstep/verify', [DoorstepVerificationsController, 'store'])
      .as('doorstep.verify.store')
  })
  .prefix('/staff')
  .use([middleware.auth(), middleware.staff()])
