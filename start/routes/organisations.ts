import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const OrganisationsController = () => import('#controllers/platform/staff/organisations_controller')
const OrganisationAdminsController = () =>
  import('#controllers/platform/staff/organisation_admins_controller')
const OrganisationSuspensionsController = () =>
  import('#controllers/platform/staff/organisation_suspensions_controller')
const BrandingController = () => import('#controllers/platform/staff/branding_controller')

const id = router.matchers.number()

// Settings → Organisations, for install admins (InstallPolicy).
router
  .group(() => {
    router.get('/', [OrganisationsController, 'index']).as('organisations.index')
    router.get('/new', [OrganisationsController, 'create']).as('organisations.create')
    router.post('/', [OrganisationsController, 'store']).as('organisations.store')
    router.get('/:id', [OrganisationsController, 'edit']).as('organisations.edit').where('id', id)
    router
      .post('/:id', [OrganisationsController, 'update'])
      .as('organisations.update')
      .where('id', id)
    router
      .get('/:id/invite', [OrganisationAdminsController, 'create'])
      .as('organisations.invite')
      .where('id', id)
    router
      .post('/:id/invite', [OrganisationAdminsController, 'store'])
      .as('organisations.invite.store')
      .where('id', id)
    router
      .get('/:id/branding', [BrandingController, 'edit'])
      .as('organisations.branding')
      .where('id', id)
    router
      .post('/:id/branding', [BrandingController, 'update'])
      .as('organisations.branding.update')
      .where('id', id)
    router
      .get('/:id/suspend', [OrganisationSuspensionsController, 'confirm'])
      .as('organisations.confirm_suspend')
      .where('id', id)
    router
      .post('/:id/suspend', [OrganisationSuspensionsController, 'store'])
      .as('organisations.suspend')
      .where('id', id)
    router
      .get('/:id/reactivate', [OrganisationSuspensionsController, 'confirmReactivate'])
      .as('organisations.confirm_reactivate')
      .where('id', id)
    router
      .post('/:id/reactivate', [OrganisationSuspensionsController, 'reactivate'])
      .as('organisations.reactivate')
      .where('id', id)
  })
  .prefix('/staff/settings/organisations')
  .use([middleware.auth(), middleware.staff()])
