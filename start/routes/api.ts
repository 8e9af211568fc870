import router from '@adonisjs/core/services/router'
import config from '@adonisjs/core/services/config'
import limiter from '@adonisjs/limiter/services/main'
import { middleware } from '#start/kernel'
import ApiTokenMiddleware from '#middleware/platform/api_token_middleware'

const ApiTokensController = () => import('#controllers/platform/staff/api_tokens_controller')
const AlertsController = () => import('#controllers/messaging/api/alerts_controller')

const id = router.matchers.number()

/*
| Per token, so one busy system cannot starve another; the token middleware
| applies it once it knows the token. The key is the token's hash rather than
| its id, which a fresh database hands out again. Read on each request, so an
| install (or a test) can change it in config/beacon.ts.
*/
export const apiThrottle = limiter.define('api', (ctx) => {
  return limiter
    .allowRequests(config.get<number>('beacon.rateLimits.api', 120))
    .every('1 minute')
    .usingKey(`api:${ctx.apiToken.tokenHash}`)
})

// Settings → API tokens, for an organisation's admins.
router
  .group(() => {
    router.get('/settings/api-tokens', [ApiTokensController, 'index']).as('api_tokens.index')
    router.get('/settings/api-tokens/new', [ApiTokensController, 'create']).as('api_tokens.create')
    router.post('/settings/api-tokens', [ApiTokensController, 'store']).as('api_tokens.store')
    router
      .get('/settings/api-tokens/:id/revoke', [ApiTokensController, 'confirmRevoke'])
      .as('api_tokens.confirm_revoke')
      .where('id', id)
    router
      .post('/settings/api-tokens/:id/revoke', [ApiTokensController, 'revoke'])
      .as('api_tokens.revoke')
      .where('id', id)
  })
  .prefix('/staff')
  .use([middleware.auth(), middleware.staff()])

// The named middleware list lives in start/kernel.ts, which this part of Beacon does not own.
const apiToken = new ApiTokenMiddleware(apiThrottle)

// The JSON API for force systems, documented in docs/openapi.json.
router
  .group(() => {
    router.post('/alerts', [AlertsController, 'store']).as('api.alerts.store')
    router.get('/alerts/:id', [AlertsController, 'show']).as('api.alerts.show').where('id', id)
    router
      .post('/alerts/:id/send', [AlertsController, 'send'])
      .as('api.alerts.send')
      .where('id', id)
  })
  .prefix('/api/v1')
  .use((ctx, next) => apiToken.handle(ctx, next))
