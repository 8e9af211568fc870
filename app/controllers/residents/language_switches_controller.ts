import type { HttpContext } from '@adonisjs/core/http'
import SiteSettings from '#services/platform/site/site_settings'
import ServiceLanguage from '#services/residents/self_service/service_language'

/** Only a path on this site, so the switch cannot send anyone elsewhere. */
function localPath(back: unknown) {
  return typeof back === 'string' && /^\/(?![/\\])/.test(back) ? back : '/'
}

/**
 * The "Cymraeg" / "English" switch on every resident page: a plain link
 * (works without JavaScript) that keeps the choice and returns to the page.
 */
export default class LanguageSwitchesController {
  async update(ctx: HttpContext) {
    const { params, request, response } = ctx
    const site = await SiteSettings.current()
    if (site.welshOffered && (params.locale === 'cy' || params.locale === 'en')) {
      await ServiceLanguage.choose(ctx, params.locale)
    }
    return response.redirect().toPath(localPath(request.input('back')))
  }
}
