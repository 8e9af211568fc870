import { v2 } from '@google-cloud/translate'
import { providerAddress } from '#contracts/provider_address'
import {
  parseServiceAccountKey,
  TRANSLATE_API,
  type TranslationInstallSettings,
} from './settings.js'

/** Why a call failed, in words staff understand; `retry` when trying again may help. */
export class TranslationFailure extends Error {
  constructor(
    message: string,
    readonly retry: boolean
  ) {
    super(message)
  }
}

/** How long one call may take before it counts as failed. */
const TIMEOUT_MS = 15_000

export interface TranslationClient {
  translate(texts: string[], target: string): Promise<string[]>
  languages(): Promise<{ code: string; name: string }[]>
}

/**
 * The official client (v2 REST), with the install's API key or service
 * account. Outside production a saved address points it at another server
 * (a local fake in tests); the client itself only takes a host name and
 * always speaks https, so the address replaces its base URL.
 */
export function translationClient(settings: TranslationInstallSettings): TranslationClient {
  const credentials = parseServiceAccountKey(settings.service_account_key)
  if (!settings.api_key && !credentials) {
    throw new TranslationFailure(
      'Translation is not set up: enter an API key or a service account key (Settings → Plugins → Translation).',
      false
    )
  }
  // timeout is read by the common Service the client is built on, not declared in its config type.
  const config = {
    projectId: settings.project_id,
    ...(settings.api_key ? { key: settings.api_key } : { credentials: credentials! }),
    apiEndpoint: TRANSLATE_API,
    timeout: TIMEOUT_MS,
    // Retries are ours (alert_translator.ts), so that their budget is known.
    autoRetry: false,
    maxRetries: 0,
  }
  const client = new v2.Translate(config)
  const address = providerAddress(settings.api_url)
  if (address) client.baseUrl = `${address.replace(/\/+$/, '')}/language/translate/v2`

  return {
    async translate(texts, target) {
      try {
        const [translated] = await client.translate(texts, {
          from: 'en',
          to: target,
          format: 'html',
        })
        const list = Array.isArray(translated) ? translated : [translated]
        if (list.length !== texts.length) {
          throw new TranslationFailure('The translation service answered with too few texts.', true)
        }
        return list
      } catch (error) {
        throw explain(error, target)
      }
    },
    async languages() {
      try {
        const [languages] = await client.getLanguages('en')
        return languages
      } catch (error) {
        throw explain(error)
      }
    },
  }
}

/** A client or network error as a sentence for staff (never the key). */
export function explain(error: unknown, target?: string): TranslationFailure {
  if (error instanceof TranslationFailure) return error
  const failure = error as { code?: unknown; message?: unknown; errors?: { reason?: string }[] }
  const status = typeof failure.code === 'number' ? failure.code : null
  const message = typeof failure.message === 'string' ? failure.message : ''
  // Google answers an unknown target with 400 "Invalid Value" or "Bad language pair".
  if (status === 400 && target && !/api key/i.test(message)) {
    return new TranslationFailure(
      `Google Translate does not translate into “${target}”: remove it from the languages residents may choose.`,
      false
    )
  }
  if (status === 400 && /api key/i.test(message)) {
    return new TranslationFailure(
      'Google refused the API key: check it in Settings → Plugins → Translation.',
      false
    )
  }
  if (status === 401 || status === 403) {
    return new TranslationFailure(
      `Google refused the credentials (it answered ${status}): check the API key or service account key, and that the Cloud Translation API is switched on for the project.`,
      false
    )
  }
  if (status === 429) {
    return new TranslationFailure(
      'Google Translate is busy or the project’s quota is used up (it answered 429).',
      true
    )
  }
  if (status !== null && status >= 500) {
    return new TranslationFailure(`Google Translate had a problem (it answered ${status}).`, true)
  }
  if (status !== null) {
    return new TranslationFailure(
      `Google Translate refused the request (it answered ${status}).`,
      false
    )
  }
  if (
    /timeout|timed out|ETIMEDOUT|ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ECONNRESET|socket hang up/i.test(
      `${message} ${String(failure.code ?? '')}`
    )
  ) {
    return new TranslationFailure('The translation service could not be reached.', true)
  }
  return new TranslationFailure('The translation service could not be reached.', true)
}
