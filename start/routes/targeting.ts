import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const MapAssetsController = () => import('#controllers/areas/map_assets_controller')
const AlertDraftsController = () => import('#controllers/messaging/staff/alert_drafts_controller')
const SegmentsController = () => import('#controllers/targeting/staff/segments_controller')

const id = router.matchers.number()

router
  .get('/vendor/leaflet-geoman/leaflet-geoman.js', [MapAssetsController, 'geomanJs'])
  .as('assets.geoman_js')
router
  .get('/vendor/leaflet-geoman/leaflet-geoman.css', [MapAssetsController, 'geomanCss'])
  .as('assets.geoman_css')

router
  .group(() => {
    router
      .get('/alerts/:id/edit', [AlertDraftsController, 'edit'])
      .as('staff.alerts.edit')
      .where('id', id)
    router
      .route('/alerts/:id', ['PUT', 'POST'], [AlertDraftsController, 'update'])
      .as('staff.alerts.update')
      .where('id', id)

    router.get('/segments', [SegmentsController, 'index']).as('segments.index')
    router.post('/segments', [SegmentsController, 'store']).as('segments.store')
    router
      .get('/segments/:id/delete', [SegmentsController, 'confirmDestroy'])
      .as('segments.confirm_destroy')
      .where('id', id)
    router
      .post('/segments/:id/delete', [SegmentsController, 'destroy'])
      .as('segments.destroy')
      .where('id', id)
  })
  .prefix('/staff')
  .use([middleware.auth(), middleware.staff()])
