import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { errors as limiterErrors } from '@adonisjs/limiter'
import type ApiToken from '#models/platform/api_token'
import ApiTokens from '#services/platform/organisations/api_tokens'

function refuse(ctx: HttpContext, message: string) {
  return ctx.response
    .status(401)
    .header('WWW-Authenticate', 'Bearer realm="Beacon API"')
    .json({ errors: [{ message }] })
}

type Throttle = (ctx: HttpContext, next: NextFn) => Promise<unknown>

/**
 * The JSON API's front door: lets through a request that carries a live
 * token of an organisation, then applies the token's rate limit. Both
 * refusals are answered in JSON, since the site's error pages are written
 * for people: the throttle is called from here, rather than as the next
 * route middleware, because the router hands a middleware's error straight
 * to the exception handler.
 */
export default class ApiTokenMiddleware {
  #throttle: Throttle | undefined

  constructor(throttle?: Throttle) {
    this.#throttle = throttle
  }

  async handle(ctx: HttpContext, next: NextFn) {
    const header = ctx.request.header('authorization') ?? ''
    const secret = header.match(/^Bearer\s+(\S+)\s*$/i)?.[1]
    if (!secret) {
      return refuse(
        ctx,
        'Send your API token in the Authorization header, as "Authorization: Bearer <token>". An administrator creates tokens in Settings → API tokens.'
      )
    }
    const check = await ApiTokens.check(secret)
    if (check.status === 'unknown') {
      return refuse(ctx, 'This API token is not recognised. Check that you copied all of it.')
    }
    if (check.status === 'revoked') {
      return refuse(
        ctx,
        'This API token has been revoked. Ask an administrator of your organisation for a new one.'
      )
    }
    ctx.apiToken = check.token
    await ApiTokens.markUsed(check.token)
    ctx.response.header('Cache-Control', 'no-store')

    if (!this.#throttle) return next()
    try {
      return await this.#throttle(ctx, next)
    } catch (error) {
      if (!(error instanceof limiterErrors.E_TOO_MANY_REQUESTS)) throw error
      const retryAfter = error.response.availableIn
      return ctx.response
        .status(429)
        .header('Retry-After', String(retryAfter))
        .json({
          errors: [
            {
              message: `This token has made too many requests. Wait ${retryAfter} ${retryAfter === 1 ? 'second' : 'seconds'}, then try again.`,
            },
          ],
        })
    }
  }
}

declare module '@adonisjs/core/http' {
  export interface HttpContext {
    apiToken: ApiToken
  }
}
