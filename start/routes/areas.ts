import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const AreasController = () => import('#controllers/areas/staff/areas_controller')
const AreaImportsController = () => import('#controllers/areas/staff/area_imports_controller')

const id = router.matchers.number()

router
  .group(() => {
    router.get('/settings/areas', [AreasController, 'index']).as('areas.index')
    router
      .post('/settings/areas/imports', [AreaImportsController, 'store'])
      .as('area_imports.store')
    router
      .get('/settings/areas/imports/:id/options', [AreaImportsController, 'options'])
      .as('area_imports.options')
      .where('id', id)
    router
      .post('/settings/areas/imports/:id/check', [AreaImportsController, 'check'])
      .as('area_imports.check')
      .where('id', id)
    router
      .get('/settings/areas/imports/:id', [AreaImportsController, 'show'])
      .as('area_imports.show')
      .where('id', id)
    router
      .get('/settings/areas/imports/:id/progress', [AreaImportsController, 'progress'])
      .as('area_imports.progress')
      .where('id', id)
    router
      .post('/settings/areas/imports/:id/run', [AreaImportsController, 'run'])
      .as('area_imports.run')
      .where('id', id)
  })
  .prefix('/staff')
  .use([middleware.auth(), middleware.staff()])
