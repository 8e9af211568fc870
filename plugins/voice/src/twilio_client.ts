import twilio from 'twilio'
import type { CallSettings } from './settings.js'

type RequestOptions<TData> = Parameters<twilio.RequestClient['request']>[0] & {
  data?: TData
}

const TWILIO_API = 'https://api.twilio.com'
const TIMEOUT_MS = 10_000

/**
 * Twilio's own RequestClient, sending to another address when the settings
 * name one (a regional edge, or the local fake in tests). The official
 * client builds every URL from https://api.twilio.com; only that prefix is
 * changed, so the requests are the library's own.
 */
class RedirectedRequestClient extends twilio.RequestClient {
  constructor(private baseUrl: string) {
    super({ timeout: TIMEOUT_MS })
  }

  request<TData>(options: RequestOptions<TData>) {
    const uri = options.uri.startsWith(TWILIO_API)
      ? this.baseUrl.replace(/\/+$/, '') + options.uri.slice(TWILIO_API.length)
      : options.uri
    return super.request<TData>({ ...options, uri })
  }
}

export function twilioClient(
  settings: Pick<CallSettings, 'accountSid' | 'authToken' | 'apiBaseUrl'>
) {
  return twilio(settings.accountSid, settings.authToken, {
    httpClient: settings.apiBaseUrl
      ? new RedirectedRequestClient(settings.apiBaseUrl)
      : new twilio.RequestClient({ timeout: TIMEOUT_MS }),
  })
}

/** A refusal from Twilio's API: its HTTP status and Twilio's error code. */
export interface TwilioRefusal {
  status: number | null
  code: number | null
  message: string
}

export function refusalOf(error: unknown): TwilioRefusal {
  const shaped = error as { status?: unknown; code?: unknown; message?: unknown }
  return {
    status: typeof shaped?.status === 'number' ? shaped.status : null,
    code: typeof shaped?.code === 'number' ? shaped.code : null,
    message: typeof shaped?.message === 'string' ? shaped.message : String(error),
  }
}
