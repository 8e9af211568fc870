import { I18n } from '@adonisjs/i18n'
import i18nManager from '@adonisjs/i18n/services/main'
import type { NextFn } from '@adonisjs/core/types/http'
import { type HttpContext, RequestValidator } from '@adonisjs/core/http'
import SiteSettings from '#services/platform/site/site_settings'
import ServiceLanguage from '#services/residents/self_service/service_language'
import { WelshValidationMessages } from '#validators/residents/welsh_validation_messages'

/** The switch's links, each coming back to this page. */
function switchLinks(here: string) {
  const back = encodeURIComponent(here)
  return { en: `/language/en?back=${back}`, cy: `/language/cy?back=${back}` }
}

/**
 * Gives each request its language (ctx.i18n, and `t()` and `i18n` in
 * templates): Welsh for a resident or visitor who chose it on an install that
 * offers it, English otherwise. Staff pages are always English.
 */
export default class ServiceLanguageMiddleware {
  static {
    // Welsh refusals where resources/lang/cy has them; an English request keeps each validator's own messages.
    RequestValidator.messagesProvider = (ctx) =>
      ctx.i18n?.locale === 'cy' ? (new WelshValidationMessages(ctx.i18n) as any) : undefined
  }

  async handle(ctx: HttpContext, next: NextFn) {
    const site = await SiteSettings.current()
    const staffPage = ctx.request.url().startsWith('/staff')
    const locale = staffPage ? 'en' : await ServiceLanguage.of(ctx, site.welshOffered)
    ctx.i18n = i18nManager.locale(locale)
    ctx.containerResolver.bindValue(I18n, ctx.i18n)
    ctx.view.share({
      i18n: ctx.i18n,
      languageSwitch: site.welshOffered && !staffPage ? switchLinks(ctx.request.url(true)) : null,
    })
    return next()
  }
}

declare module '@adonisjs/core/http' {
  export interface HttpContext {
    i18n: I18n
  }
}
