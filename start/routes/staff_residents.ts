import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const ResidentsController = () => import('#controllers/residents/staff/residents_controller')
const ResidentImportsController = () =>
  import('#controllers/residents/staff/resident_imports_controller')
const ResidentImportListController = () =>
  import('#controllers/residents/staff/resident_import_list_controller')
const ListsController = () => import('#controllers/residents/staff/lists_controller')
const InterestsController = () => import('#controllers/residents/staff/interests_controller')
const SchemesController = () => import('#controllers/residents/staff/schemes_controller')
const AccessRequestsController = () =>
  import('#controllers/residents/staff/access_requests_controller')

const id = router.matchers.number()
const uploadId = { match: /^[A-Za-z0-9_-]{22}$/ }

router
  .group(() => {
    router.get('/residents', [ResidentsController, 'index']).as('residents.index')
    router.get('/residents/:id', [ResidentsController, 'show']).as('residents.show').where('id', id)
    router
      .get('/residents/:id/edit', [ResidentsController, 'edit'])
      .as('residents.edit')
      .where('id', id)
    router
      .post('/residents/:id', [ResidentsController, 'update'])
      .as('residents.update')
      .where('id', id)
    router
      .post('/residents/:id/sign-in-link', [AccessRequestsController, 'sendSignInLink'])
      .as('residents.sign_in_link')
      .where('id', id)
    router.get('/access-requests', [AccessRequestsController, 'index']).as('access_requests.index')

    router
      .get('/residents/import', [ResidentImportsController, 'create'])
      .as('resident_imports.create')
    router
      .post('/residents/import', [ResidentImportsController, 'store'])
      .as('resident_imports.store')
    router
      .get('/residents/import/:upload', [ResidentImportsController, 'mapping'])
      .as('resident_imports.mapping')
      .where('upload', uploadId)
    router
      .post('/residents/import/:upload', [ResidentImportsController, 'check'])
      .as('resident_imports.check')
      .where('upload', uploadId)
    router
      .get('/residents/import/:upload/dry-run', [ResidentImportsController, 'dryRun'])
      .as('resident_imports.dry_run')
      .where('upload', uploadId)
    router
      .post('/residents/import/:upload/run', [ResidentImportsController, 'run'])
      .as('resident_imports.run')
      .where('upload', uploadId)
    router
      .get('/residents/imports', [ResidentImportListController, 'index'])
      .as('resident_imports.index')
    router
      .get('/residents/imports/:id', [ResidentImportsController, 'show'])
      .as('resident_imports.show')
      .where('id', id)
    router
      .get('/residents/imports/:id/report', [ResidentImportsController, 'report'])
      .as('resident_imports.report')
      .where('id', id)

    router.get('/settings/lists', [ListsController, 'index']).as('lists.index')
    router
      .get('/settings/lists/interests/new', [InterestsController, 'create'])
      .as('interests.create')
    router.post('/settings/lists/interests', [InterestsController, 'store']).as('interests.store')
    router
      .get('/settings/lists/interests/:id/edit', [InterestsController, 'edit'])
      .as('interests.edit')
      .where('id', id)
    router
      .post('/settings/lists/interests/:id', [InterestsController, 'update'])
      .as('interests.update')
      .where('id', id)
    router
      .get('/settings/lists/interests/:id/delete', [InterestsController, 'confirmDestroy'])
      .as('interests.confirm_destroy')
      .where('id', id)
    router
      .post('/settings/lists/interests/:id/delete', [InterestsController, 'destroy'])
      .as('interests.destroy')
      .where('id', id)

    router.get('/settings/lists/schemes/new', [SchemesController, 'create']).as('schemes.create')
    router.post('/settings/lists/schemes', [SchemesController, 'store']).as('schemes.store')
    router
      .get('/settings/lists/schemes/:id/edit', [SchemesController, 'edit'])
      .as('schemes.edit')
      .where('id', id)
    router
      .post('/settings/lists/schemes/:id', [SchemesController, 'update'])
      .as('schemes.update')
      .where('id', id)
    router
      .get('/settings/lists/schemes/:id/delete', [SchemesController, 'confirmDestroy'])
      .as('schemes.confirm_destroy')
      .where('id', id)
    router
      .post('/settings/lists/schemes/:id/delete', [SchemesController, 'destroy'])
      .as('schemes.destroy')
      .where('id', id)
  })
  .prefix('/staff')
  .use([middleware.auth(), middleware.staff()])
