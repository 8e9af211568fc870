import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'
import { publicFormThrottle } from '#start/limiter'

const SignUpsController = () => import('#controllers/residents/sign_ups_controller')
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
router
  .get('/sign-up/organisations', [SignUpsController, 'organisations'])
  .as('signups.organisations')
router
  .post('/sign-up/organisations', [SignUpsController, 'storeOrganisations'])
  .as('signups.organisations.store')
router.get('/sign-up/check', [SignUpsController, 'check']).as('signups.check')

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
