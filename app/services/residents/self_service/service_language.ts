import type { HttpContext } from '@adonisjs/core/http'
import Resident from '#models/residents/resident'
import ResidentSession from '#services/residents/self_service/resident_session'
import ResidentPreferences from '#services/residents/preferences/resident_preferences'
import { LANGUAGE_COOKIE } from '#services/platform/infrastructure/public_page_cache'

export type ServiceLocale = 'en' | 'cy'

/** A visitor's choice, kept for a year; a signed-in resident's is on their record (and mirrored here). */
const COOKIE = LANGUAGE_COOKIE
const COOKIE_MAX_AGE = '1y'

type Context = Pick<HttpContext, 'session' | 'request' | 'response'>

/**
 * Which language the resident pages speak to this request: English unless
 * the install offers Welsh and the visitor (cookie) or the signed-in resident
 * (their `language`, the one alerts are translated into) chose it. One column
 * for both, so a resident who uses the service in Welsh also gets alerts in
 * Welsh wherever the translation plugin offers Welsh.
 */
export default class ServiceLanguage {
  static async of(ctx: Context, welshOffered: boolean): Promise<ServiceLocale> {
    if (!welshOffered) return 'en'
    const residentId = await ResidentSession.residentId(ctx)
    if (residentId) {
      const resident = await Resident.find(residentId)
      if (resident) {
        const locale = resident.language === 'cy' ? 'cy' : 'en'
        // The cached archive is chosen before the session is read (PublicPageShortcutMiddleware): by this cookie.
        if ((ctx.request.cookie(COOKIE) === 'cy') !== (locale === 'cy')) {
          ctx.response.cookie(COOKIE, locale, { maxAge: COOKIE_MAX_AGE })
        }
        return locale
      }
    }
    return ctx.request.cookie(COOKIE) === 'cy' ? 'cy' : 'en'
  }

  /**
   * Keeps the choice: a cookie for the browser, and the record of a signed-in
   * resident. Choosing English leaves another alert language (Polish, say)
   * alone: only Welsh is switched off.
   */
  static async choose(ctx: Context, locale: ServiceLocale) {
    ctx.response.cookie(COOKIE, locale, { maxAge: COOKIE_MAX_AGE })
    const residentId = await ResidentSession.residentId(ctx)
    const resident = residentId ? await Resident.find(residentId) : null
    if (!resident) return
    if (locale === 'cy' && resident.language !== 'cy') {
      await ResidentPreferences.setLanguage(resident, 'cy')
    } else if (locale === 'en' && resident.language === 'cy') {
      await ResidentPreferences.setLanguage(resident, 'en')
    }
  }

  /** The language a new resident signs up with, when they chose no alert language of their own. */
  static forSignUp(locale: string, chosenAlertLanguage: string | undefined) {
    return chosenAlertLanguage ?? (locale === 'cy' ? 'cy' : undefined)
  }
}
