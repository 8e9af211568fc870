import twilio from 'twilio'
import logger from '@adonisjs/core/services/logger'
import type { PluginContext } from '#contracts/plugin'
import type { DeliveryReceipt } from '#contracts/receipts'
import {
  notifyInbound,
  notifyReceipt,
  notifyTokenValid,
  twilioInbound,
  twilioReceipt,
  twilioSignatureValid,
  type InboundText,
} from './callbacks.js'
import { e164, receiveText, stopConfirmation } from './inbound.js'
import type { ProviderCache } from './providers.js'

export const WEBHOOK_PATHS = {
  notifyReceipts: '/notify/receipts',
  notifyInbound: '/notify/inbound',
  twilioStatus: '/twilio/status',
  twilioInbound: '/twilio/inbound',
}

/**
 * The provider's callbacks: delivery receipts and residents' texts. Each is
 * refused (401, logged, nothing changed) unless it carries Notify's bearer
 * token or Twilio's signature, and is well formed.
 */
export function registerWebhooks(context: PluginContext, providers: ProviderCache, appUrl: string) {
  const url = (path: string) => `${appUrl.replace(/\/$/, '')}/plugins/sms/webhooks${path}`

  const record = async (receipt: DeliveryReceipt) => {
    const outcome = await context.receipts.record(receipt)
    if (!outcome.matched)
      logger.info({ providerId: receipt.providerId }, 'sms receipt for no known delivery')
  }

  context.webhook(WEBHOOK_PATHS.notifyReceipts, {
    verify: async (request) =>
      (await notifyTokenValid(context.settings, request)) && notifyReceipt(request.body()) !== null,
    handle: async ({ request, response }) => {
      const receipt = notifyReceipt(request.body())
      if (receipt && receipt !== 'not_final') await record(receipt)
      return response.noContent()
    },
  })

  context.webhook(WEBHOOK_PATHS.twilioStatus, {
    verify: async (request) =>
      (await twilioSignatureValid(context.settings, request, url(WEBHOOK_PATHS.twilioStatus))) &&
      twilioReceipt(request.body()) !== null,
    handle: async ({ request, response }) => {
      const receipt = twilioReceipt(request.body())
      if (receipt && receipt !== 'not_final') await record(receipt)
      return response.noContent()
    },
  })

  const received = (text: InboundText) => receiveText(context.residents, context.replies, text)

  context.webhook(WEBHOOK_PATHS.notifyInbound, {
    verify: async (request) =>
      (await notifyTokenValid(context.settings, request)) && notifyInbound(request.body()) !== null,
    handle: async ({ request, response }) => {
      const text = notifyInbound(request.body())!
      const outcome = await received(text)
      if (outcome.kind === 'stopped') {
        // Notify does not answer STOP itself: the confirmation is a text of our own.
        const { provider } = await providers.current()
        await provider?.send(e164(text.from), stopConfirmation(appUrl), {
          reference: 'stop-confirmation',
        })
      }
      return response.noContent()
    },
  })

  context.webhook(WEBHOOK_PATHS.twilioInbound, {
    verify: async (request) =>
      (await twilioSignatureValid(context.settings, request, url(WEBHOOK_PATHS.twilioInbound))) &&
      twilioInbound(request.body()) !== null,
    handle: async ({ request, response }) => {
      const outcome = await received(twilioInbound(request.body())!)
      // Twilio sends what the answer's TwiML says, to the number that wrote.
      const reply = new twilio.twiml.MessagingResponse()
      if (outcome.kind === 'stopped') reply.message(stopConfirmation(appUrl))
      response.header('Content-Type', 'text/xml')
      return response.send(reply.toString())
    },
  })

  return { statusCallbackUrl: () => url(WEBHOOK_PATHS.twilioStatus) }
}
