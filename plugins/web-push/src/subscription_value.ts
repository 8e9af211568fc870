import vine from '@vinejs/vine'
import type { PushSubscription } from 'web-push'

const BASE64URL = /^[A-Za-z0-9_-]+={0,2}$/

/** What a browser's PushSubscription.toJSON() gives, as the opt-in script posts it. */
export const subscriptionValidator = vine.create({
  endpoint: vine
    .string()
    .trim()
    .maxLength(2000)
    .url({ protocols: ['https'], require_tld: false }),
  keys: vine.object({
    p256dh: vine.string().trim().regex(BASE64URL).minLength(80).maxLength(100),
    auth: vine.string().trim().regex(BASE64URL).minLength(16).maxLength(30),
  }),
})

/** Stored as the contact's value (encrypted by the core): the endpoint names the browser. */
export function storedSubscription(subscription: PushSubscription) {
  return JSON.stringify({ endpoint: subscription.endpoint, keys: subscription.keys })
}

export function parseSubscription(value: string): PushSubscription | null {
  try {
    const parsed = JSON.parse(value)
    return typeof parsed?.endpoint === 'string' && parsed.keys?.p256dh && parsed.keys?.auth
      ? parsed
      : null
  } catch {
    return null
  }
}
