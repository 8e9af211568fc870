import router from '@adonisjs/core/services/router'
import server from '@adonisjs/core/services/server'

server.errorHandler(() => import('#exceptions/handler'))

server.use([
  () => import('#middleware/platform/container_bindings_middleware'),
  () => import('@adonisjs/static/static_middleware'),
  () => import('#middleware/platform/public_page_shortcut_middleware'),
  // A tracked email's image and links, answered without a session (app/middleware/messaging/).
  () => import('#middleware/messaging/tracking_middleware'),
  () => import('#middleware/platform/site_settings_middleware'),
])

router.use([
  () => import('@adonisjs/core/bodyparser_middleware'),
  () => import('@adonisjs/session/session_middleware'),
  () => import('#middleware/platform/flashed_input_middleware'),
  () => import('@adonisjs/shield/shield_middleware'),
  () => import('@adonisjs/auth/initialize_auth_middleware'),
  () => import('#middleware/platform/silent_auth_middleware'),
  () => import('#middleware/residents/service_language_middleware'),
  () => import('#middleware/platform/staff_idle_session_middleware'),
  () => import('#middleware/platform/initialize_bouncer_middleware'),
  () => import('#middleware/platform/private_by_default_middleware'),
])

export const middleware = router.named({
  guest: () => import('#middleware/platform/guest_middleware'),
  auth: () => import('#middleware/platform/auth_middleware'),
  staff: () => import('#middleware/platform/staff_middleware'),
  honeypot: () => import('#middleware/residents/honeypot_middleware'),
  publicPageCache: () => import('#middleware/platform/public_page_cache_middleware'),
})
