import type { SettingsCheckResult } from '#contracts/settings'

/** What a provider said to one text message. */
export type SendAnswer =
  | { ok: true; id: string }
  | { ok: false; retry: true; reason: string; retryAfterSeconds?: number }
  | { ok: false; retry: false; reason: string; invalidNumber: boolean }

export interface SmsProvider {
  /** Texts one number (E.164). `statusCallback`: where the provider reports delivery, when it asks per message. */
  send(
    to: string,
    text: string,
    options?: { reference?: string; statusCallback?: string }
  ): Promise<SendAnswer>
  /** Test connection: the credentials work and the template or sender is right. */
  check(): Promise<SettingsCheckResult>
}

// A provider that answers slower than this is treated as down; the ledger retries later.
export const PROVIDER_TIMEOUT_MS = 10_000

/** Retry-After in seconds (a number, or an HTTP date), or undefined. */
export function retryAfterSeconds(value: unknown): number | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined
  const seconds = Number(value)
  if (Number.isFinite(seconds)) return Math.max(0, Math.round(seconds))
  const at = Date.parse(String(value))
  return Number.isNaN(at) ? undefined : Math.max(0, Math.round((at - Date.now()) / 1000))
}

/** Why a request never got an answer, in words for staff. */
export function networkReason(provider: string, error: unknown) {
  const code = (error as { code?: string })?.code
  if (code === 'ECONNABORTED' || code === 'ETIMEDOUT') return `${provider} did not answer in time`
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return `${provider} could not be reached`
  }
  return `${provider} could not be reached (${code ?? 'no answer'})`
}
