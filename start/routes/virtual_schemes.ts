import router from '@adonisjs/core/services/router'
import ResidentSessionMiddleware from '#middleware/residents/resident_session_middleware'

const VirtualSchemesController = () => import('#controllers/engagement/virtual_schemes_controller')

const residentSession = new ResidentSessionMiddleware()

// A signed-in resident starts a virtual watch group (app/services/engagement/virtual_schemes.ts).
router
  .group(() => {
    router.get('/groups/new', [VirtualSchemesController, 'create']).as('virtual_schemes.create')
    router.post('/groups', [VirtualSchemesController, 'store']).as('virtual_schemes.store')
  })
  .prefix('/my-alerts')
  .use((ctx, next) => residentSession.handle(ctx, next))
