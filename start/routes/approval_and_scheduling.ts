import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const MessageReviewsController = () =>
  import('#controllers/messaging/staff/message_reviews_controller')
const MessageSchedulesController = () =>
  import('#controllers/messaging/staff/message_schedules_controller')
const TemplatesController = () => import('#controllers/messaging/staff/templates_controller')
const ApprovalSettingsController = () =>
  import('#controllers/messaging/staff/approval_settings_controller')

const id = router.matchers.number()

router
  .group(() => {
    for (const action of ['submit', 'withdraw', 'approve', 'return'] as const) {
      router
        .post(`/messages/:id/${action}`, [MessageReviewsController, action])
        .as(`messages.${action}`)
        .where('id', id)
    }
    router
      .post('/messages/:id/schedule', [MessageSchedulesController, 'store'])
      .as('messages.schedule')
      .where('id', id)
    router
      .get('/messages/:id/schedule/cancel', [MessageSchedulesController, 'confirmDestroy'])
      .as('messages.schedule_cancel_confirmation')
      .where('id', id)
    router
      .post('/messages/:id/schedule/cancel', [MessageSchedulesController, 'destroy'])
      .as('messages.schedule_cancel')
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
