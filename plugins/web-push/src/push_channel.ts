import webpush, { WebPushError, type PushSubscription } from 'web-push'
import type {
  Channel,
  ChannelVariant,
  DeliveryOutcome,
  OutgoingDelivery,
  RenderableAlert,
} from '#contracts/channel'
import type { ResidentContact, ResidentContacts } from '#contracts/contacts'
import type { SettingsReader } from '#contracts/settings'
import { vapidIdentity, type WebPushValues } from './settings.js'
import { VapidSigner } from './vapid_signer.js'
import { pushOptionsFor, retryAfterSeconds, shortText, topicFor } from './push_options.js'
import { parseSubscription } from './subscription_value.js'
import { pushTransport, PUSH_TIMEOUT_MS } from './push_transport.js'
import { PartialSends } from './partial_sends.js'

export const PUSH_KIND = 'push_subscription'

type SentResult = { contactId: number; result: 'sent'; messageId: string | null }
type BrowserResult =
  | SentResult
  | { contactId: number; result: 'gone' }
  | { contactId: number; result: 'retry'; reason: string; after?: number }
  | { contactId: number; result: 'failed'; reason: string }

/**
 * Browser push: one delivery per resident, pushed to every browser they
 * subscribed. Each push is encrypted for its browser (aes128gcm) by the
 * web-push library; the VAPID header is signed once per push service.
 * A browser that took the push is not pushed again when the delivery is
 * retried for another that was busy (PartialSends).
 */
export class PushChannel implements Channel {
  readonly id = 'web-push'
  readonly label = 'Browser notification'
  readonly contact = PUSH_KIND
  readonly limits = {
    maxTextLength: 180,
    supportsHtml: false,
    batchSize: 100,
    concurrency: 8,
    ratePerSecond: null,
  }
  readonly signer = new VapidSigner()

  constructor(
    private settings: SettingsReader,
    private contacts: ResidentContacts,
    private partials = new PartialSends()
  ) {}

  async isReady() {
    const identity = vapidIdentity(await this.settings.forInstall<WebPushValues>())
    return identity.ready ? { ready: true as const } : identity
  }

  addressOf() {
    // Subscriptions live in resident_contacts, several per resident: send() reads them.
    return null
  }

  async render(alert: RenderableAlert): Promise<ChannelVariant> {
    return {
      subject: alert.title,
      text: shortText(alert.bodyText),
      url: alert.publicUrl ?? alert.alertsUrl,
    }
  }

  /** Each delivery is reported as sent the moment its browsers' push services took it. */
  async send(
    batch: OutgoingDelivery[],
    report?: (outcome: DeliveryOutcome) => void
  ): Promise<DeliveryOutcome[]> {
    const identity = vapidIdentity(await this.settings.forInstall<WebPushValues>())
    if (!identity.ready) {
      return batch.map((delivery) => ({
        deliveryId: delivery.deliveryId,
        status: 'retry' as const,
        reason: identity.reason,
      }))
    }
    const [alreadySent, subscribed] = await Promise.all([
      this.partials.sentTo(batch.map((delivery) => delivery.deliveryId)),
      this.contacts.listFor(
        batch.map((delivery) => delivery.recipient.residentId),
        { kind: PUSH_KIND }
      ),
    ])
    const results = await Promise.all(
      batch.map(async (delivery) => {
        const done = alreadySent.get(delivery.deliveryId) ?? new Set<number>()
        const browsers = (subscribed.get(delivery.recipient.residentId) ?? []).filter(
          (contact) => !done.has(contact.id)
        )
        const pushed = await Promise.all(
          browsers.map((contact) => this.#push(contact, delivery, identity))
        )
        const accepted = this.#accepted(delivery.deliveryId, pushed, done.size)
        if (accepted) report?.(accepted)
        return { delivery, done: done.size, results: pushed }
      })
    )
    // One statement each for the whole batch: the browsers used, and those gone.
    const all = results.flatMap((entry) => entry.results)
    await Promise.all([
      this.contacts.touchAll(all.filter((r) => r.result === 'sent').map((r) => r.contactId)),
      ...all.filter((r) => r.result === 'gone').map((r) => this.contacts.markInvalid(r.contactId)),
    ])
    return Promise.all(
      results.map((entry) => this.#outcome(entry.delivery, entry.results, entry.done))
    )
  }

  #push(
    contact: ResidentContact,
    delivery: OutgoingDelivery,
    identity: { subject: string; publicKey: string; privateKey: string }
  ): Promise<BrowserResult> {
    const subscription = parseSubscription(contact.value)
    const origin = subscription && URL.parse(subscription.endpoint)?.origin
    if (!subscription || !origin) return Promise.resolve({ contactId: contact.id, result: 'gone' })
    return pushTransport
      .lanesFor(origin)
      .run(() => this.#pushNow(contact, subscription, delivery, identity))
  }

  async #pushNow(
    contact: ResidentContact,
    subscription: PushSubscription,
    delivery: OutgoingDelivery,
    identity: { subject: string; publicKey: string; privateKey: string }
  ): Promise<BrowserResult> {
    const { urgency, ttl } = pushOptionsFor(delivery.alert.priority)
    const payload = JSON.stringify({
      title: delivery.variant.subject ?? delivery.alert.title,
      body: delivery.variant.text,
      priority: delivery.alert.priority,
      priorityLabel: delivery.alert.priorityLabel,
      url: delivery.variant.url ?? null,
      tag: topicFor(delivery.alert.id),
    })
    try {
      const answer = await webpush.sendNotification(subscription, payload, {
        headers: { Authorization: this.signer.authorization(subscription.endpoint, identity) },
        TTL: ttl,
        urgency,
        topic: topicFor(delivery.alert.id),
        timeout: PUSH_TIMEOUT_MS,
        agent: pushTransport.agent,
      })
      const location = answer.headers?.location
      return {
        contactId: contact.id,
        result: 'sent',
        messageId: typeof location === 'string' ? location.slice(0, 255) : null,
      }
    } catch (error) {
      return this.#failure(contact.id, error)
    }
  }

  #failure(contactId: number, error: unknown): BrowserResult {
    if (!(error instanceof WebPushError)) {
      const message = error instanceof Error ? error.message : String(error)
      return {
        contactId,
        result: 'retry',
        reason: `The push service could not be reached (${message})`,
      }
    }
    const status = error.statusCode
    if (status === 404 || status === 410) return { contactId, result: 'gone' }
    if (status === 429 || status >= 500) {
      return {
        contactId,
        result: 'retry',
        reason: `The push service answered ${status}`,
        after: retryAfterSeconds(error.headers?.['retry-after']),
      }
    }
    return { contactId, result: 'failed', reason: `The push service refused the push (${status})` }
  }

  /** Sent once a browser took it (now or before) and none is to be tried again; otherwise null. */
  #accepted(
    deliveryId: number,
    results: BrowserResult[],
    sentBefore: number
  ): DeliveryOutcome | null {
    if (results.some((result) => result.result === 'retry')) return null
    const first = results.find((result): result is SentResult => result.result === 'sent')
    if (!first && sentBefore === 0) return null
    return { deliveryId, status: 'sent', providerId: first?.messageId ?? `web-push:${deliveryId}` }
  }

  async #outcome(
    delivery: OutgoingDelivery,
    results: BrowserResult[],
    sentBefore: number
  ): Promise<DeliveryOutcome> {
    const { deliveryId } = delivery
    const sent = results.filter((result) => result.result === 'sent')
    const retries = results.filter((result) => result.result === 'retry')
    if (retries.length > 0) {
      // Browsers that took it now are skipped when the delivery comes back.
      await this.partials.record(
        deliveryId,
        sent.map((result) => result.contactId)
      )
      const waits = retries.map((retry) => retry.after).filter((after) => after !== undefined)
      return {
        deliveryId,
        status: 'retry',
        reason: retries[0].reason,
        ...(waits.length > 0 ? { retryAfterSeconds: Math.max(...waits) } : {}),
      }
    }
    const accepted = this.#accepted(deliveryId, results, sentBefore)
    if (accepted) return accepted
    const refused = results.find((result) => result.result === 'failed')
    if (refused) return { deliveryId, status: 'failed', reason: refused.reason, permanent: true }
    return {
      deliveryId,
      status: 'failed',
      reason:
        results.length > 0
          ? 'Every browser the resident had subscribed has unsubscribed'
          : 'The resident no longer has a browser subscribed',
      permanent: true,
    }
  }
}
