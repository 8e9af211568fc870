import app from '@adonisjs/core/services/app'
import { errors as bouncerErrors } from '@adonisjs/bouncer'
import { errors as limiterErrors } from '@adonisjs/limiter'
import { type HttpContext, ExceptionHandler } from '@adonisjs/core/http'
import type { StatusPageRange, StatusPageRenderer } from '@adonisjs/core/types/http'
import {
  errorReference,
  existingErrorReference,
} from '#services/platform/infrastructure/error_reference'
import { OTHER_ORGANISATION } from '#policies/platform/current_organisation_policy'
import FlashedInput from '#services/platform/pages/flashed_input'
import i18nManager from '@adonisjs/i18n/services/main'
import logger from '@adonisjs/core/services/logger'
import SiteSettings from '#services/platform/site/site_settings'
import { LANGUAGE_COOKIE } from '#services/platform/infrastructure/public_page_cache'

function isServerError(error: unknown) {
  const status = (error as { status?: unknown } | null)?.status
  return typeof status !== 'number' || status >= 500
}

export default class HttpExceptionHandler extends ExceptionHandler {
  protected debug = !app.inProduction && !app.inTest

  // Residents and staff see plain pages, never a stack trace.
  protected renderStatusPages = app.inProduction || app.inTest

  protected statusPages: Record<StatusPageRange, StatusPageRenderer> = {
    '403': (error, { view }) => view.render('pages/errors/forbidden', { error }),
    '404': (error, { view }) => view.render('pages/errors/not_found', { error }),
    '429': (error, { view }) => view.render('pages/errors/too_many_requests', { error }),
    '500..599': (error, ctx) =>
      ctx.view.render('pages/errors/server_error', { error, reference: errorReference(ctx) }),
  }

  async handle(error: unknown, ctx: HttpContext) {
    await speakTheirLanguage(ctx)
    // API clients get JSON errors even when they do not ask for them, e.g. for a path that does not exist.
    if (ctx.request.url().startsWith('/api/'))
      ctx.request.request.headers.accept = 'application/json'
    // Bouncer answers a refusal with plain text; people get the page that explains it.
    if (
      error instanceof bouncerErrors.E_AUTHORIZATION_FAILURE &&
      !ctx.request.accepts(['html', 'json'])?.includes('json')
    ) {
      const elsewhere = otherOrganisationOf(error, ctx)
      return ctx.response
        .status(403)
        .send(
          elsewhere
            ? await ctx.view.render('pages/errors/other_organisation', elsewhere)
            : await ctx.view.render('pages/errors/forbidden')
        )
    }
    if (error instanceof limiterErrors.E_TOO_MANY_REQUESTS) {
      const retryAfter = error.response.availableIn
      ctx.response.header('Retry-After', String(retryAfter))
      const minutes = Math.max(1, Math.ceil(retryAfter / 60))
      return ctx.response
        .status(429)
        .send(await ctx.view.render('pages/errors/too_many_requests', { minutes }))
    }
    return super.handle(error, ctx)
  }

  /**
   * A form with mistakes goes back to its page with the errors, as the
   * session package does, but its input is kept by FlashedInput: too long for
   * the session cookie, it would be lost with the errors.
   */
  async renderValidationErrorAsHTML(
    error: Parameters<ExceptionHandler['renderValidationErrorAsHTML']>[0],
    ctx: HttpContext
  ) {
    if (!ctx.session) return super.renderValidationErrorAsHTML(error, ctx)
    ctx.session.flashValidationErrors(error, false)
    await FlashedInput.keep(ctx)
    ctx.response.redirect('back', true)
  }

  /** A failure's log line carries the reference its page shows, beside the request id. */
  protected context(ctx: HttpContext) {
    return { ...super.context(ctx), reference: existingErrorReference(ctx) }
  }

  async report(error: unknown, ctx: HttpContext) {
    if (isServerError(error)) errorReference(ctx)
    return super.report(error, ctx)
  }

  /** JSON clients are told no more than people are: a reference, never the error's own message. */
  async renderErrorAsJSON(
    error: Parameters<ExceptionHandler['renderErrorAsJSON']>[0],
    ctx: HttpContext
  ) {
    if (this.debug || !isServerError(error)) return super.renderErrorAsJSON(error, ctx)
    ctx.response.status(error.status).send({
      message: 'Sorry, there is a problem with the service. Quote this reference if you report it.',
      reference: errorReference(ctx),
    })
  }
}

/**
 * A record of another organisation the person belongs to: which one, their
 * role there, and the page to come back to once switched (pages, not forms).
 */
function otherOrganisationOf(
  error: InstanceType<typeof bouncerErrors.E_AUTHORIZATION_FAILURE>,
  ctx: HttpContext
) {
  const translation = error.response.translation
  if (translation?.identifier !== OTHER_ORGANISATION) return null
  const membership = ctx.auth.user?.memberships?.find(
    (candidate) => candidate.organisationId === translation.data?.organisationId
  )
  if (!membership) return null
  return {
    organisation: membership.organisation,
    role: membership.role,
    returnTo: ctx.request.method() === 'GET' ? ctx.request.url() : null,
  }
}

/**
 * An address no route matches never reaches ServiceLanguageMiddleware, so its
 * error page takes the visitor's language from their choice (the cookie the
 * middleware keeps, a signed-in resident's included) where Welsh is offered.
 * Staff pages stay English. Failing to tell, the page is English.
 */
async function speakTheirLanguage(ctx: HttpContext) {
  if (ctx.i18n) return
  let locale = 'en'
  try {
    const path = ctx.request.url()
    const site = await SiteSettings.current()
    if (
      !path.startsWith('/staff') &&
      !path.startsWith('/api/') &&
      ctx.request.cookie(LANGUAGE_COOKIE) === 'cy' &&
      site.welshOffered
    ) {
      locale = 'cy'
    }
  } catch (error) {
    logger.warn({ err: error }, 'Could not tell the language of an error page; it is in English')
  }
  ctx.i18n = i18nManager.locale(locale)
  ctx.view.share({ i18n: ctx.i18n })
}
