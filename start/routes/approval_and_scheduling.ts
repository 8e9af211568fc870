import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const AlertReviewsController = () => import('#controllers/messaging/staff/alert_reviews_controller')
const AlertSchedulesController = () =>
  import('#controllers/messaging/staff/alert_schedules_controller')
const TemplatesController = () => import('#controllers/messaging/staff/templates_controller')
const ApprovalSettingsController = () =>
  import('#controllers/messaging/staff/approval_settings_controller')
const IncidentOverlapsController = () =>
  import('#controllers/messaging/staff/incident_overlaps_controller')
const JointAlertInvitationsController = () =>
  import('#controllers/messaging/staff/joint_alert_invitations_controller')
const CosigningsController = () => import('#controllers/messaging/staff/cosignings_controller')

const id = router.matchers.number()

router
  .group(() => {
    for (const action of ['submit', 'withdraw', 'approve', 'return'] as const) {
      router
        .post(`/alerts/:id/${action}`, [AlertReviewsController, action])
        .as(`staff.alerts.${action}`)
        .where('id', id)
    }
    router
      .post('/alerts/:id/approve-spending', [AlertReviewsController, 'approveSpending'])
      .as('staff.alerts.approve_spending')
      .where('id', id)
    // One alert per incident: leave out (or include again) residents another organisation's alert reached.
    router
      .post('/alerts/:id/overlaps/:otherId/leave-out', [IncidentOverlapsController, 'leaveOut'])
      .as('staff.alerts.overlap_leave_out')
      .where('id', id)
      .where('otherId', id)
    router
      .post('/alerts/:id/overlaps/:otherId/include', [IncidentOverlapsController, 'include'])
      .as('staff.alerts.overlap_include')
      .where('id', id)
      .where('otherId', id)
    // Joint alerts: the draft's organisation invites a co-signer; the co-signer approves or declines.
    router
      .post('/alerts/:id/cosigner', [JointAlertInvitationsController, 'store'])
      .as('staff.alerts.cosigner_invite')
      .where('id', id)
    router
      .post('/alerts/:id/cosigner/remove', [JointAlertInvitationsController, 'destroy'])
      .as('staff.alerts.cosigner_remove')
      .where('id', id)
    router.get('/joint-alerts', [CosigningsController, 'index']).as('staff.joint_alerts.index')
    router
      .get('/joint-alerts/:id', [CosigningsController, 'show'])
      .as('staff.joint_alerts.show')
      .where('id', id)
    for (const action of ['approve', 'decline'] as const) {
      router
        .post(`/joint-alerts/:id/${action}`, [CosigningsController, action])
        .as(`staff.joint_alerts.${action}`)
        .where('id', id)
    }
    router
      .post('/alerts/:id/schedule', [AlertSchedulesController, 'store'])
      .as('staff.alerts.schedule')
      .where('id', id)
    router
      .get('/alerts/:id/schedule/cancel', [AlertSchedulesController, 'confirmDestroy'])
      .as('staff.alerts.schedule_cancel_confirmation')
      .where('id', id)
    router
      .post('/alerts/:id/schedule/cancel', [AlertSchedulesController, 'destroy'])
      .as('staff.alerts.schedule_cancel')
      .where('id', id)

    router.get('/templates', [TemplatesController, 'index']).as('templates.index')
    router.get('/templates/new', [TemplatesController, 'create']).as('templates.create')
    router.post('/templates', [TemplatesController, 'store']).as('templates.store')
    router
      .get('/templates/:id/edit', [TemplatesController, 'edit'])
      .as('templates.edit')
      .where('id', id)
    router
      .post('/templates/:id', [TemplatesController, 'update'])
      .as('templates.update')
      .where('id', id)
    router
      .get('/templates/:id/delete', [TemplatesController, 'confirmDestroy'])
      .as('templates.confirm_destroy')
      .where('id', id)
    router
      .post('/templates/:id/delete', [TemplatesController, 'destroy'])
      .as('templates.destroy')
      .where('id', id)
    router
      .post('/templates/:id/use', [TemplatesController, 'use'])
      .as('templates.use')
      .where('id', id)

    router
      .get('/settings/approval', [ApprovalSettingsController, 'show'])
      .as('approval_settings.show')
    router
      .post('/settings/approval', [ApprovalSettingsController, 'update'])
      .as('approval_settings.update')
  })
  .prefix('/staff')
  .use([middleware.auth(), middleware.staff()])
