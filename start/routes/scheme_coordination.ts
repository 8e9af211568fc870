import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'
import ResidentSessionMiddleware from '#middleware/residents/resident_session_middleware'

const CoordinatedSchemesController = () =>
  import('#controllers/residents/staff/coordinated_schemes_controller')
const SchemeJoinRequestsController = () =>
  import('#controllers/residents/staff/scheme_join_requests_controller')
const CoordinatorAssignmentsController = () =>
  import('#controllers/residents/staff/coordinator_assignments_controller')
const SchemeAlertsController = () => import('#controllers/messaging/staff/scheme_alerts_controller')

const id = router.matchers.number()

// Coordinators (a staff role limited to their schemes) and requests to join a scheme.
router
  .group(() => {
    router.get('/my-schemes', [CoordinatedSchemesController, 'index']).as('coordination.schemes')
    router
      .get('/my-schemes/:id', [CoordinatedSchemesController, 'show'])
      .as('coordination.members')
      .where('id', id)
    router
      .get('/my-schemes/:id/alerts/new', [SchemeAlertsController, 'create'])
      .as('coordination.alerts.create')
      .where('id', id)
    router
      .post('/my-schemes/:id/alerts', [SchemeAlertsController, 'store'])
      .as('coordination.alerts.store')
      .where('id', id)
    router
      .post('/my-schemes/:id/alerts/:alertId/send', [SchemeAlertsController, 'send'])
      .as('coordination.alerts.send')
      .where('id', id)
      .where('alertId', id)

    router
      .get('/scheme-requests', [SchemeJoinRequestsController, 'index'])
      .as('scheme_requests.index')
    router
      .get('/scheme-requests/:id', [SchemeJoinRequestsController, 'show'])
      .as('scheme_requests.show')
      .where('id', id)
    router
      .post('/scheme-requests/:id/approve', [SchemeJoinRequestsController, 'approve'])
      .as('scheme_requests.approve')
      .where('id', id)
    router
      .post('/scheme-requests/:id/decline', [SchemeJoinRequestsController, 'decline'])
      .as('scheme_requests.decline')
      .where('id', id)

    router
      .get('/team/members/:id/schemes', [CoordinatorAssignmentsController, 'edit'])
      .as('team.edit_schemes')
      .where('id', id)
    router
      .post('/team/members/:id/schemes', [CoordinatorAssignmentsController, 'update'])
      .as('team.update_schemes')
      .where('id', id)
    router
      .get('/team/invitations/:id/schemes', [CoordinatorAssignmentsController, 'editInvitation'])
      .as('invitations.edit_schemes')
      .where('id', id)
    router
      .post('/team/invitations/:id/schemes', [CoordinatorAssignmentsController, 'updateInvitation'])
      .as('invitations.update_schemes')
      .where('id', id)
  })
  .prefix('/staff')
  .use([middleware.auth(), middleware.staff()])

// The resident's side: schemes near them, asking to join, withdrawing a request.
const SchemeRequestsController = () =>
  import('#controllers/residents/self_service/scheme_requests_controller')
const residentSession = new ResidentSessionMiddleware()

router
  .group(() => {
    router.get('/schemes/near', [SchemeRequestsController, 'index']).as('self_service.schemes.near')
    router
      .post('/schemes/:id/ask', [SchemeRequestsController, 'store'])
      .as('self_service.schemes.ask')
      .where('id', id)
    router
      .post('/schemes/:id/withdraw', [SchemeRequestsController, 'withdraw'])
      .as('self_service.schemes.withdraw')
      .where('id', id)
  })
  .prefix('/my-alerts')
  .use((ctx, next) => residentSession.handle(ctx, next))
