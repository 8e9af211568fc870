import router from '@adonisjs/core/services/router'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import type {
  ResidentPageHandler,
  ResidentPageRouter,
  ResidentScope,
} from '#contracts/resident_pages'

/** Signs the resident in (or sends them to sign in) and says who they are. */
export type ResidentGuard = (
  ctx: HttpContext,
  next: (resident: ResidentScope) => Promise<unknown>
) => Promise<unknown>

/**
 * Plugins' resident pages (#contracts/resident_pages): routes under
 * /my-alerts/plugins/<id>, behind the residents module's magic-link session.
 * The platform may not import that module, so the composition root
 * (BeaconProvider) hands its guard over here; it is looked up per request.
 */
class PluginResidentPages {
  #guard: ResidentGuard | null = null

  useGuard(guard: ResidentGuard) {
    this.#guard = guard
  }

  register(
    pluginId: string,
    define: (pages: ResidentPageRouter) => void,
    isEnabled: () => boolean
  ) {
    const route = (handler: ResidentPageHandler) => async (ctx: HttpContext) => {
      if (!this.#guard) throw new Error('The core has not provided the resident session guard')
      return this.#guard(ctx, async (resident) => handler(ctx, resident))
    }
    router
      .group(() => {
        define({
          get: (path, handler) => void router.get(path, route(handler)),
          post: (path, handler) => void router.post(path, route(handler)),
        })
      })
      .prefix(`/my-alerts/plugins/${pluginId}`)
      .use(async (ctx: HttpContext, next: NextFn) =>
        isEnabled()
          ? next()
          : ctx.response.notFound(await ctx.view.render('pages/errors/not_found'))
      )
  }
}

const pluginResidentPages = new PluginResidentPages()
export default pluginResidentPages
