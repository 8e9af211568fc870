import type { HttpContext } from '@adonisjs/core/http'
import ApiTokens from '#services/platform/organisations/api_tokens'
import AuditLogger from '#services/platform/audit/audit_logger'
import { apiTokenValidator } from '#validators/platform/api_token'

/**
 * Settings → API tokens: an organisation's admins issue and revoke the
 * tokens its own systems use to call the JSON API.
 */
export default class ApiTokensController {
  async index({ view, membership, bouncer }: HttpContext) {
    await bouncer.with('SettingsPolicy').authorize('manage', membership.organisationId)
    return view.render('pages/staff/api_tokens/index', {
      tokens: await ApiTokens.forOrganisation(membership.organisationId),
    })
  }

  async create({ view, membership, bouncer }: HttpContext) {
    await bouncer.with('SettingsPolicy').authorize('manage', membership.organisationId)
    return view.render('pages/staff/api_tokens/create')
  }

  async store(ctx: HttpContext) {
    const { request, response, view, membership, bouncer, auth } = ctx
    await bouncer.with('SettingsPolicy').authorize('manage', membership.organisationId)
    const { name } = await request.validateUsing(apiTokenValidator)
    const { token, secret } = await ApiTokens.issue(membership.organisationId, auth.user!.id, name)
    await AuditLogger.record(ctx, {
      action: 'api_token.created',
      organisationId: membership.organisationId,
      subjectType: 'api_token',
      subjectId: token.id,
      details: { name: token.name },
    })
    // Shown in this answer only: it is never stored, flashed to a cookie or shown again.
    response.header('Cache-Control', 'no-store')
    return view.render('pages/staff/api_tokens/created', { token, secret })
  }

  async confirmRevoke({ params, view, membership, bouncer }: HttpContext) {
    await bouncer.with('SettingsPolicy').authorize('manage', membership.organisationId)
    const token = await ApiTokens.find(membership.organisationId, params.id)
    return view.render('pages/staff/api_tokens/revoke', { token })
  }

  async revoke(ctx: HttpContext) {
    const { params, response, membership, bouncer, session } = ctx
    await bouncer.with('SettingsPolicy').authorize('manage', membership.organisationId)
    const token = await ApiTokens.find(membership.organisationId, params.id)
    if (await ApiTokens.revoke(token)) {
      await AuditLogger.record(ctx, {
        action: 'api_token.revoked',
        organisationId: membership.organisationId,
        subjectType: 'api_token',
        subjectId: token.id,
        details: { name: token.name },
      })
      session.flash(
        'success',
        `The token “${token.name}” has been revoked. Systems using it can no longer call the API.`
      )
    } else {
      session.flash('success', `The token “${token.name}” was already revoked.`)
    }
    return response.redirect().toRoute('api_tokens.index')
  }
}
