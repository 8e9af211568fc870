import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'
import { LOGO_FILE_PATTERN } from '#services/platform/organisations/organisation_branding'

const AlertPreviewsController = () =>
  import('#controllers/messaging/staff/alert_previews_controller')
const AlertTestSendsController = () =>
  import('#controllers/messaging/staff/alert_test_sends_controller')
const BrandingController = () => import('#controllers/platform/staff/branding_controller')

const id = router.matchers.number()

router
  .group(() => {
    router
      .get('/alerts/:id/preview', [AlertPreviewsController, 'show'])
      .as('staff.alerts.preview')
      .where('id', id)
    router
      .get('/alerts/:id/preview/email', [AlertPreviewsController, 'email'])
      .as('staff.alerts.preview_email')
      .where('id', id)
    router
      .post('/alerts/:id/test', [AlertTestSendsController, 'store'])
      .as('staff.alerts.test')
      .where('id', id)
    router.get('/settings/branding', [BrandingController, 'edit']).as('branding.edit')
    router.post('/settings/branding', [BrandingController, 'update']).as('branding.update')
  })
  .prefix('/staff')
  .use([middleware.auth(), middleware.staff()])

// Public: residents' mail clients load the logo in each alert.
router
  .get('/branding/logos/:file', [BrandingController, 'logo'])
  .as('branding.logo')
  .where('file', { match: LOGO_FILE_PATTERN })
