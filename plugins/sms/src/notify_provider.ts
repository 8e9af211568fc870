import axios from 'axios'
import { NotifyClient } from 'notifications-node-client'
import type { SendAnswer, SmsProvider } from './provider.js'
import { networkReason, PROVIDER_TIMEOUT_MS, retryAfterSeconds } from './provider.js'

export interface NotifyOptions {
  apiKey: string
  templateId: string
  senderId?: string
  baseUrl?: string
}

const NOTIFY_URL = 'https://api.notifications.service.gov.uk'
// The template's whole message is this placeholder: Beacon writes the text.
export const PLACEHOLDER = 'body'

interface NotifyErrorBody {
  status_code?: number
  errors?: { error?: string; message?: string }[]
}

function errorOf(error: unknown) {
  const response = (
    error as {
      response?: { status: number; data?: NotifyErrorBody; headers?: Record<string, string> }
    }
  ).response
  const first = response?.data?.errors?.[0]
  return {
    status: response?.status,
    kind: first?.error ?? '',
    message: first?.message ?? '',
    retryAfter: retryAfterSeconds(response?.headers?.['retry-after']),
  }
}

/**
 * GOV.UK Notify through its official client. One template carries every
 * message (its whole text is ((body))); the delivery's id is the reference,
 * and Notify's own id comes back as the provider id that receipts name.
 */
export class NotifyProvider implements SmsProvider {
  #client: NotifyClient

  constructor(private options: NotifyOptions) {
    this.#client = new NotifyClient(options.baseUrl || NOTIFY_URL, options.apiKey)
    // The client's own axios has no timeout: an unreachable Notify would hold a send job for minutes.
    this.#client.setClient(axios.create({ timeout: PROVIDER_TIMEOUT_MS }) as any)
  }

  async send(to: string, text: string, options: { reference?: string } = {}): Promise<SendAnswer> {
    try {
      const answer = await this.#client.sendSms(this.options.templateId, to, {
        personalisation: { [PLACEHOLDER]: text },
        reference: options.reference,
        smsSenderId: this.options.senderId || undefined,
      })
      return { ok: true, id: String(answer.data.id) }
    } catch (error) {
      const { status, kind, message } = errorOf(error)
      if (status === undefined)
        return { ok: false, retry: true, reason: networkReason('GOV.UK Notify', error) }
      if (status === 429) {
        return {
          ok: false,
          retry: true,
          reason: 'GOV.UK Notify said too many messages were sent at once (rate limit)',
          // Without Retry-After, the ledger's backoff spaces the tries out.
          retryAfterSeconds: errorOf(error).retryAfter,
        }
      }
      if (status >= 500)
        return { ok: false, retry: true, reason: `GOV.UK Notify answered ${status}` }
      if (status === 403) {
        // A wrong key is the install's mistake, not the resident's: keep the message for later.
        return {
          ok: false,
          retry: true,
          reason: 'GOV.UK Notify refused the API key (check Settings → Plugins)',
        }
      }
      const invalidNumber = kind === 'ValidationError' && /phone_number/i.test(message)
      return {
        ok: false,
        retry: false,
        reason: invalidNumber
          ? 'Not a UK mobile number (GOV.UK Notify)'
          : `GOV.UK Notify refused it: ${message.slice(0, 200)}`,
        invalidNumber,
      }
    }
  }

  async check() {
    try {
      const { data } = await this.#client.getTemplateById(this.options.templateId)
      if (data.type !== 'sms') {
        return {
          ok: false as const,
          message: 'That GOV.UK Notify template is not a text message template.',
        }
      }
      if ((data.body ?? '').trim() !== `((${PLACEHOLDER}))`) {
        return {
          ok: false as const,
          message: `The GOV.UK Notify template’s message must be exactly ((${PLACEHOLDER})) and nothing else, so that the alert’s text fills it.`,
        }
      }
      return {
        ok: true as const,
        message: 'GOV.UK Notify accepted the API key and the template is right.',
      }
    } catch (error) {
      const { status } = errorOf(error)
      if (status === undefined)
        return { ok: false as const, message: `${networkReason('GOV.UK Notify', error)}.` }
      if (status === 403) {
        return {
          ok: false as const,
          message:
            'GOV.UK Notify refused the API key: check that it was copied whole and has not been revoked.',
        }
      }
      if (status === 404 || status === 400) {
        return {
          ok: false as const,
          message: 'GOV.UK Notify accepted the API key but has no template with that ID.',
        }
      }
      return {
        ok: false as const,
        message: `GOV.UK Notify answered ${status}. Try again in a few minutes.`,
      }
    }
  }
}
