import config from '@adonisjs/core/services/config'

/** A provider's or receiver's Retry-After is followed, but never past this. */
const LONGEST_RETRY_AFTER_SECONDS = 3600

/**
 * When a delivery that was asked to try again goes next: when the other side
 * said (Retry-After), else after an exponential backoff from
 * `beacon.delivery.retryBaseSeconds` (10 s, 20 s, 40 s… by default). Shared by
 * residents' deliveries and organisation channels' target deliveries.
 */
export function retryAt(attempt: number, retryAfterSeconds?: number) {
  const base = config.get<number>('beacon.delivery.retryBaseSeconds')
  const delaySeconds =
    retryAfterSeconds !== undefined && retryAfterSeconds >= 0
      ? Math.min(retryAfterSeconds, LONGEST_RETRY_AFTER_SECONDS)
      : base * 2 ** (attempt - 1)
  return new Date(Date.now() + delaySeconds * 1000)
}
