import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import SiteSettings from '#services/platform/site/site_settings'

/**
 * Gives every page (error pages included) the install's service name and
 * contact details, for the header, the title and the footer.
 */
export default class SiteSettingsMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const site = await SiteSettings.current()
    ctx.view.share({ serviceName: site.serviceName, site })
    return next()
  }
}
