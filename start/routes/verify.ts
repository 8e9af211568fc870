import router from '@adonisjs/core/services/router'

const VerificationsController = () => import('#controllers/messaging/verifications_controller')

// Anyone checks an alert's reference code; lookups are rate limited per address in the controller.
router.get('/verify', [VerificationsController, 'show']).as('verify.show')
router.get('/verify/:code/qr.png', [VerificationsController, 'qr']).as('verify.qr')
