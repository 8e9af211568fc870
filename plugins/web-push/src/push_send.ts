import webpush, { WebPushError, type PushSubscription } from 'web-push'
import type { VapidIdentity, VapidSigner } from './vapid_signer.js'
import { retryAfterSeconds, type PushDeliveryOptions } from './push_options.js'
import { pushTransport, PUSH_TIMEOUT_MS } from './push_transport.js'

export type PushResult =
  | { result: 'sent'; messageId: string | null }
  | { result: 'gone' }
  | { result: 'retry'; reason: string; after?: number }
  | { result: 'failed'; reason: string }

/**
 * One encrypted push to one browser's push service (RFC 8030), and what its
 * answer means: taken, the browser gone (404, 410), try again (429, 5xx, no
 * answer) or refused. Shared by an alert's push and the push that replaces
 * it when the alert is cancelled.
 */
export async function pushTo(
  subscription: PushSubscription,
  payload: string,
  options: PushDeliveryOptions & { topic: string },
  signer: VapidSigner,
  identity: VapidIdentity
): Promise<PushResult> {
  try {
    const answer = await webpush.sendNotification(subscription, payload, {
      headers: { Authorization: signer.authorization(subscription.endpoint, identity) },
      TTL: options.ttl,
      urgency: options.urgency,
      topic: options.topic,
      timeout: PUSH_TIMEOUT_MS,
      agent: pushTransport.agent,
    })
    const location = answer.headers?.location
    return {
      result: 'sent',
      messageId: typeof location === 'string' ? location.slice(0, 255) : null,
    }
  } catch (error) {
    return failureOf(error)
  }
}

function failureOf(error: unknown): PushResult {
  if (!(error instanceof WebPushError)) {
    const message = error instanceof Error ? error.message : String(error)
    return { result: 'retry', reason: `The push service could not be reached (${message})` }
  }
  const status = error.statusCode
  if (status === 404 || status === 410) return { result: 'gone' }
  if (status === 429 || status >= 500) {
    return {
      result: 'retry',
      reason: `The push service answered ${status}`,
      after: retryAfterSeconds(error.headers?.['retry-after']),
    }
  }
  return { result: 'failed', reason: `The push service refused the push (${status})` }
}
