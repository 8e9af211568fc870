import type { HttpContext } from '@adonisjs/core/http'
import type Alert from '#models/messaging/alert'
import ApiAlerts from '#services/messaging/api_alerts'
import AuditLogger from '#services/platform/audit/audit_logger'
import AlertSending, { SendRefusedError } from '#services/messaging/alert_sending'
import { apiAlertValidator } from '#validators/messaging/api_alert'

interface FieldError {
  field: string
  message: string
}

function notFound({ response }: HttpContext) {
  return response.notFound({
    errors: [{ message: 'No alert with this id belongs to your organisation.' }],
  })
}

/**
 * /api/v1/alerts: force systems write, send and follow alerts with a token.
 * The audit log records each call with no user and the token that made it.
 */
export default class AlertsController {
  async store(ctx: HttpContext) {
    const { request, response, apiToken } = ctx
    const [invalid, payload] = await request.tryValidateUsing(apiAlertValidator)
    if (invalid) {
      const errors = (invalid.messages as FieldError[]).map(({ field, message }) => ({
        field,
        message,
      }))
      return response.unprocessableEntity({ errors })
    }
    const alert = await ApiAlerts.create(apiToken, payload)
    if (payload.send) {
      const refused = await this.#start(alert)
      if (refused) {
        // Nothing was sent, so nothing is kept: the caller corrects the target and tries again.
        await alert.delete()
        return response.unprocessableEntity({ errors: [{ message: refused }] })
      }
    }
    await this.#audit(ctx, alert, 'alert.created')
    if (payload.send) await this.#audit(ctx, alert, 'alert.sent')
    response.header('Location', `/api/v1/alerts/${alert.id}`)
    return response.created(await ApiAlerts.describe(alert))
  }

  async show(ctx: HttpContext) {
    const alert = await ApiAlerts.find(ctx.apiToken, ctx.params.id)
    if (!alert) return notFound(ctx)
    return ctx.response.ok(await ApiAlerts.describe(alert))
  }

  async send(ctx: HttpContext) {
    const { params, response, apiToken } = ctx
    const alert = await ApiAlerts.find(apiToken, params.id)
    if (!alert) return notFound(ctx)
    if (alert.status !== 'draft') {
      return response.conflict({
        errors: [{ message: `This alert cannot be sent: it is ${alert.status}.` }],
      })
    }
    const refused = await this.#start(alert)
    if (refused) return response.unprocessableEntity({ errors: [{ message: refused }] })
    await this.#audit(ctx, alert, 'alert.sent')
    return response.accepted(await ApiAlerts.describe(alert))
  }

  /** Starts the send; answers why not when nobody would receive it. */
  async #start(alert: Alert) {
    try {
      await AlertSending.start(alert)
      return null
    } catch (error) {
      // An empty audience, or an organisation that needs approval first.
      if (error instanceof SendRefusedError) return error.message
      throw error
    }
  }

  async #audit(ctx: HttpContext, alert: Alert, action: 'alert.created' | 'alert.sent') {
    await AuditLogger.record(ctx, {
      action,
      organisationId: alert.organisationId,
      subjectType: 'alert',
      subjectId: alert.id,
      details: {
        via: 'api',
        apiTokenId: ctx.apiToken.id,
        apiTokenName: ctx.apiToken.name,
        ...(action === 'alert.sent' ? { audience: alert.audienceCount } : {}),
      },
    })
  }
}
