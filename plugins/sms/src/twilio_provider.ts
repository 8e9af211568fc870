import twilio from 'twilio'
import type { SendAnswer, SmsProvider } from './provider.js'
import { networkReason, PROVIDER_TIMEOUT_MS, retryAfterSeconds } from './provider.js'

export interface TwilioOptions {
  accountSid: string
  authToken: string
  sender: string
  baseUrl?: string
}

const TWILIO_API = 'https://api.twilio.com'
// Twilio's error codes meaning the number itself cannot get texts.
const DEAD_NUMBER_CODES = new Set([21211, 21214, 21408, 21610, 21612, 21614])

/** Twilio's own HTTP client, sending its requests to another address (a regional edge, or a test's server). */
class BaseUrlRequestClient extends twilio.RequestClient {
  constructor(private baseUrl: string) {
    super({ timeout: PROVIDER_TIMEOUT_MS })
  }

  request<TData>(options: Parameters<twilio.RequestClient['request']>[0]): Promise<any> {
    const uri = options.uri.replace(TWILIO_API, this.baseUrl.replace(/\/$/, ''))
    return super.request<TData>({ ...options, uri } as any)
  }
}

interface TwilioError {
  status?: number
  code?: number
  message?: string
  moreInfo?: string
}

/**
 * Twilio's Messages API through the official `twilio` client. The message's
 * SID is the provider id that status callbacks name.
 */
export class TwilioProvider implements SmsProvider {
  #client: twilio.Twilio

  constructor(private options: TwilioOptions) {
    this.#client = twilio(options.accountSid, options.authToken, {
      httpClient: options.baseUrl
        ? new BaseUrlRequestClient(options.baseUrl)
        : new twilio.RequestClient({ timeout: PROVIDER_TIMEOUT_MS }),
    })
  }

  async send(
    to: string,
    text: string,
    options: { statusCallback?: string } = {}
  ): Promise<SendAnswer> {
    const sender = this.options.sender
    try {
      const message = await this.#client.messages.create({
        to,
        body: text,
        ...(sender.startsWith('MG') ? { messagingServiceSid: sender } : { from: sender }),
        ...(options.statusCallback ? { statusCallback: options.statusCallback } : {}),
      })
      return { ok: true, id: message.sid }
    } catch (caught) {
      const error = caught as TwilioError & { headers?: Record<string, string> }
      if (!error.status) return { ok: false, retry: true, reason: networkReason('Twilio', caught) }
      if (error.status === 429) {
        return {
          ok: false,
          retry: true,
          reason: 'Twilio said too many messages were sent at once (rate limit)',
          retryAfterSeconds: retryAfterSeconds(error.headers?.['retry-after']),
        }
      }
      if (error.status >= 500)
        return { ok: false, retry: true, reason: `Twilio answered ${error.status}` }
      if (error.status === 401 || error.status === 403) {
        return {
          ok: false,
          retry: true,
          reason: 'Twilio refused the account SID or auth token (check Settings → Plugins)',
        }
      }
      const invalidNumber = DEAD_NUMBER_CODES.has(Number(error.code))
      return {
        ok: false,
        retry: false,
        reason: invalidNumber
          ? `Twilio cannot text this number (error ${error.code})`
          : `Twilio refused it (error ${error.code ?? error.status})`,
        invalidNumber,
      }
    }
  }

  async check() {
    try {
      await this.#client.api.v2010.accounts(this.options.accountSid).fetch()
      return { ok: true as const, message: 'Twilio accepted the account SID and auth token.' }
    } catch (caught) {
      const error = caught as TwilioError
      if (!error.status)
        return { ok: false as const, message: `${networkReason('Twilio', caught)}.` }
      if (error.status === 401 || error.status === 404) {
        return {
          ok: false as const,
          message:
            'Twilio refused the account SID and auth token: copy both again from the Twilio console.',
        }
      }
      return {
        ok: false as const,
        message: `Twilio answered ${error.status}. Try again in a few minutes.`,
      }
    }
  }
}
