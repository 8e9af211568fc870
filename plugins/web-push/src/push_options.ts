/** What a push service is told about an alert of each priority (1 Information … 5 Emergency). */
export interface PushDeliveryOptions {
  urgency: 'very-low' | 'low' | 'normal' | 'high'
  /** Seconds the push service keeps it for a browser that is offline. */
  ttl: number
}

const HOUR = 60 * 60

/**
 * Urgent alerts wake a phone at once but go stale soon; information may wait
 * for the phone to be charging on Wi-Fi and stays worth reading for days.
 */
export const PRIORITY_PUSH_OPTIONS: Record<number, PushDeliveryOptions> = {
  1: { urgency: 'very-low', ttl: 72 * HOUR },
  2: { urgency: 'low', ttl: 48 * HOUR },
  3: { urgency: 'normal', ttl: 24 * HOUR },
  4: { urgency: 'high', ttl: 12 * HOUR },
  5: { urgency: 'high', ttl: 6 * HOUR },
}

export function pushOptionsFor(priority: number): PushDeliveryOptions {
  return PRIORITY_PUSH_OPTIONS[priority] ?? PRIORITY_PUSH_OPTIONS[3]
}

/**
 * The Topic header: a later push with the same topic (the alert updated or
 * cancelled) replaces one the push service still holds. At most 32
 * URL-safe base64 characters.
 */
export function topicFor(alertId: number) {
  return `alert-${alertId}`
}

/** The notification's text: short enough for a lock screen and the 4 KB push limit. */
export const SHORT_TEXT_LENGTH = 180

export function shortText(text: string) {
  const flat = text.replace(/\s+/g, ' ').trim()
  if (flat.length <= SHORT_TEXT_LENGTH) return flat
  const cut = flat.slice(0, SHORT_TEXT_LENGTH - 1)
  const lastSpace = cut.lastIndexOf(' ')
  return `${lastSpace > 100 ? cut.slice(0, lastSpace) : cut}…`
}

/** Seconds to wait from a Retry-After header (seconds or an HTTP date), or undefined. */
export function retryAfterSeconds(header: unknown, now = Date.now()): number | undefined {
  const value = Array.isArray(header) ? header[0] : header
  if (typeof value !== 'string' || value.trim() === '') return undefined
  if (/^\d+$/.test(value.trim())) return Number(value.trim())
  const at = Date.parse(value)
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000))
}
