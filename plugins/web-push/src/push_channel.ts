import type { PushSubscription } from 'web-push'
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
import { VapidSigner, type VapidIdentity } from './vapid_signer.js'
import { pushOptionsFor, shortText, topicFor } from './push_options.js'
import { parseSubscription } from './subscription_value.js'
import { PartialSends } from './partial_sends.js'
import { pushTo, type PushResult } from './push_send.js'
import { AlertPushes, type PushedAlert, type PushedBrowser } from './alert_pushes.js'
import { CancelledAlerts } from './cancelled_alerts.js'
import { pushTransport } from './push_transport.js'

export const PUSH_KIND = 'push_subscription'

type BrowserResult = PushResult & { contactId: number }

/**
 * Browser push: one delivery per resident, pushed to every browser they
 * subscribed. Each push is encrypted for its browser (aes128gcm) by the
 * web-push library; the VAPID header is signed once per push service.
 * A browser that took the push is not pushed again when the delivery is
 * retried for another that was busy (PartialSends); each browser that took
 * it is remembered, so that a cancellation replaces it (CancelledAlerts).
 */
export class PushChannel implements Channel {
  readonly id = 'web-push'
  readonly label = 'Browser notification'
  readonly contact = PUSH_KIND
  readonly usesShortLinks = true
  readonly limits = {
    maxTextLength: 180,
    supportsHtml: false,
    batchSize: 100,
    concurrency: 4,
    ratePerSecond: null,
  }
  readonly signer = new VapidSigner()
  /** Replaces the pushes of a cancelled alert (the plugin's alert:cancelled listener and schedule). */
  readonly cancellations: CancelledAlerts

  constructor(
    private settings: SettingsReader,
    private contacts: ResidentContacts,
    private partials = new PartialSends()
  ) {
    this.cancellations = new CancelledAlerts(settings, contacts, this.signer)
  }

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
        const outcome = await this.#outcome(delivery, pushed, done.size)
        // Recorded as the push service takes it: a worker that dies mid-batch sends again only what was in flight.
        report?.(outcome)
        return { delivery, outcome, results: pushed }
      })
    )
    // One statement each for the whole batch: the browsers used, and those gone.
    const all = results.flatMap((entry) => entry.results)
    await Promise.all([
      this.contacts.touchAll(all.filter((r) => r.result === 'sent').map((r) => r.contactId)),
      ...all.filter((r) => r.result === 'gone').map((r) => this.contacts.markInvalid(r.contactId)),
      this.#remember(results),
    ])
    return results.map((entry) => entry.outcome)
  }

  #push(
    contact: ResidentContact,
    delivery: OutgoingDelivery,
    identity: VapidIdentity
  ): Promise<BrowserResult> {
    const subscription = parseSubscription(contact.value)
    const origin = subscription && URL.parse(subscription.endpoint)?.origin
    if (!subscription || !origin) return Promise.resolve({ contactId: contact.id, result: 'gone' })
    // Encrypted and sent when one of its push service's lanes frees, so that the service stays
    // busy without a batch's pushes all waiting on it at once.
    return pushTransport
      .lanesFor(origin)
      .run(() => this.#pushNow(contact, subscription, delivery, identity))
  }

  async #pushNow(
    contact: ResidentContact,
    subscription: PushSubscription,
    delivery: OutgoingDelivery,
    identity: VapidIdentity
  ): Promise<BrowserResult> {
    const payload = JSON.stringify({
      title: delivery.variant.subject ?? delivery.alert.title,
      body: delivery.variant.text,
      priority: delivery.alert.priority,
      priorityLabel: delivery.alert.priorityLabel,
      url: delivery.variant.url ?? null,
      // The resident's short rating link: the notification's "Rate this alert" action.
      rateUrl: delivery.ratingUrl ?? null,
      tag: topicFor(delivery.alert.id),
    })
    const options = {
      ...pushOptionsFor(delivery.alert.priority),
      topic: topicFor(delivery.alert.id),
    }
    const result = await pushTo(subscription, payload, options, this.signer, identity)
    return { contactId: contact.id, ...result }
  }

  /** Every browser that took an alert, so that a cancellation can replace it there. */
  async #remember(entries: { delivery: OutgoingDelivery; results: BrowserResult[] }[]) {
    const alerts: PushedAlert[] = []
    const browsers: PushedBrowser[] = []
    for (const { delivery, results } of entries) {
      // Delivery 0 is a staff member's test, in no ledger: nothing to replace later.
      if (delivery.deliveryId === 0) continue
      const sent = results.filter((result) => result.result === 'sent')
      if (sent.length === 0) continue
      const alertId = delivery.alert.id
      alerts.push({
        alertId,
        language: delivery.language,
        title: delivery.variant.subject ?? delivery.alert.title,
        priority: delivery.alert.priority,
        organisationName: delivery.alert.organisationName,
      })
      for (const result of sent) {
        browsers.push({
          alertId,
          contactId: result.contactId,
          residentId: delivery.recipient.residentId,
          language: delivery.language,
        })
      }
    }
    if (browsers.length === 0) return
    await AlertPushes.record(alerts, browsers)
    // Cancelled while these were on their way: the listener found none of them to replace.
    await this.cancellations.afterPushes(browsers.map((browser) => browser.alertId))
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
    if (sent.length > 0 || sentBefore > 0) {
      const first = sent[0]
      return {
        deliveryId,
        status: 'sent',
        providerId: first?.messageId ?? `web-push:${deliveryId}`,
      }
    }
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
