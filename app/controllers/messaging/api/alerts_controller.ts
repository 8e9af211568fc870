import type { HttpContext } from '@adonisjs/core/http'
import type Message from '#models/messaging/message'
import ApiAlerts from '#services/messaging/api_alerts'
import AuditLogger from '#services/platform/audit/audit_logger'
import MessageSending, { SendRefusedError } from '#services/messaging/message_sending'
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
    const message = await ApiAlerts.create(apiToken, payload)
    if (payload.send) {
      const refused = await this.#start(message)
      if (refused) {
        // Nothing was sent, so nothing is kept: the caller corrects the target and tries again.
        await message.delete()
        return response.unprocessableEntity({ errors: [{ message: refused }] })
      }
    }
    await this.#audit(ctx, message, 'message.created')
    if (payload.send) await this.#audit(ctx, message, 'message.sent')
    response.header('Location', `/api/v1/alerts/${message.id}`)
    return response.created(await ApiAlerts.describe(message))
  }

  async show(ctx: HttpContext) {
    const message = await ApiAlerts.find(ctx.apiToken, ctx.params.id)
    if (!message) return notFound(ctx)
    return ctx.response.ok(await ApiAlerts.describe(message))
  }

  async send(ctx: HttpContext) {
    const { params, response, apiToken } = ctx
    const message = await ApiAlerts.find(apiToken, params.id)
    if (!message) return notFound(ctx)
    if (message.status !== 'draft') {
      return response.conflict({
        errors: [{ message: `This alert cannot be sent: it is ${message.status}.` }],
      })
    }
    const refused = await this.#start(message)
    if (refused) return response.unprocessableEntity({ errors: [{ message: refused }] })
    await this.#audit(ctx, message, 'message.sent')
    return response.accepted(await ApiAlerts.describe(message))
  }

  /** Starts the send; answers why not when nobody would receive it. */
  async #start(message: Message) {
    try {
      await MessageSending.start(message)
      return null
    } catch (error) {
      // An empty audience, or an organisation that needs approval first.
      if (error instanceof SendRefusedError) return error.message
      throw error
    }
  }

  async #audit(ctx: HttpContext, message: Message, action: 'message.created' | 'message.sent') {
    await AuditLogger.record(ctx, {
      action,
      organisationId: message.organisationId,
      subjectType: 'message',
      subjectId: message.id,
      details: {
        via: 'api',
        apiTokenId: ctx.apiToken.id,
        apiTokenName: ctx.apiToken.name,
        ...(action === 'message.sent' ? { audience: message.audienceCount } : {}),
      },
    })
  }
}
