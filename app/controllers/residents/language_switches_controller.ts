import type { HttpContext } from '@adonisjs/core/http'
import SiteSettings from '#services/platform/site/site_settings'
import ServiceLanguage from '#services/residents/self_service/service_language'

/** Only a path on this site, so the switch cannot send anyone elsewhere. */
function localPath(back: unknown) {
  return typeof back === 'string' && /^\/(?![/\\])/.test(back) ? back : '/'
}

/** The page of this site the visitor came from, for a link without `back` (an old or shared one). */
function refererPath({ request }: Pick<HttpContext, 'request'>) {
  const referer = request.header('referer')
  if (!referer || !URL.canParse(referer)) return undefined
  const from = new URL(referer)
  return from.host === request.host() ? `${from.pathname}${from.search}` : undefined
}

/**
 * The "Cymraeg" / "English" switch on every resident page: a plain link
 * (works without JavaScript) that keeps the choice and returns to the page.
 */
export default class LanguageSwitchesController {
  async update(ctx: HttpContext) {
    const { params, request, response, session } = ctx
    const site = await SiteSettings.current()
    if (site.welshOffered) {
      await ServiceLanguage.choose(ctx, params.locale)
    } else if (params.locale === 'cy') {
      // Welsh is off, so the pages (and this message) stay in English.
      session.flash('error', 'This service is not offered in Welsh.')
    }
    return response.redirect().toPath(localPath(request.input('back') ?? refererPath(ctx)))
  }
}
