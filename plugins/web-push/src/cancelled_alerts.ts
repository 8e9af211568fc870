import logger from '@adonisjs/core/services/logger'
import type { ResidentContact, ResidentContacts } from '#contracts/contacts'
import type { SettingsReader } from '#contracts/settings'
import { vapidIdentity, type WebPushValues } from './settings.js'
import type { VapidSigner } from './vapid_signer.js'
import { AlertPushes, type PushedAlert } from './alert_pushes.js'
import { pushOptionsFor, topicFor } from './push_options.js'
import { pushTo } from './push_send.js'
import { parseSubscription } from './subscription_value.js'

const PUSH_KIND = 'push_subscription'
/** A busy push service is asked again after this long at least, up to this many times. */
const RETRY_MS = 60_000
const MOST_ATTEMPTS = 5

/** What a browser shows in place of the cancelled alert (the same tag, so it replaces it). */
export function cancellationPayload(alertId: number, shown: PushedAlert) {
  return JSON.stringify({
    title: `Cancelled: ${shown.title}`,
    body: `${shown.organisationName} cancelled this alert. You can ignore it.`,
    tag: topicFor(alertId),
    url: null,
    cancelled: true,
  })
}

/**
 * When staff cancel an alert, every browser that took its push gets a
 * second push with the same Topic (a push service still holding the first
 * for an offline browser drops it) and the same notification tag (the
 * service worker shows it in place of the first): "Cancelled: <title>".
 *
 * Started by the alert:cancelled listener without holding up the staff
 * member's request; a push in flight as the alert was cancelled is replaced
 * by send() once it is recorded; a busy push service, or a process that
 * stopped, is caught up by the plugin's schedule. Claims keep two processes
 * from pushing the same replacement.
 */
export class CancelledAlerts {
  #running = new Set<Promise<void>>()

  constructor(
    private settings: SettingsReader,
    private contacts: ResidentContacts,
    private signer: VapidSigner
  ) {}

  /** The alert:cancelled listener: remembered first (send() and the schedule read it), then replaced. */
  async cancelled(alertId: number) {
    await AlertPushes.markCancelled(alertId)
    const run = this.replace(alertId).catch((error) =>
      logger.error({ err: error, alertId }, 'web-push: replacing a cancelled alert failed')
    )
    this.#running.add(run)
    void run.finally(() => this.#running.delete(run))
  }

  /** After send() recorded its pushes: those of an alert cancelled meanwhile are replaced at once. */
  async afterPushes(alertIds: number[]) {
    for (const alertId of await AlertPushes.cancelledAmong([...new Set(alertIds)])) {
      await this.replace(alertId)
    }
  }

  /** The schedule: replacements whose push service was busy, or whose process stopped. */
  async catchUp(nowMs = Date.now()) {
    for (const alertId of await AlertPushes.cancelledWithReplacementsDue(nowMs)) {
      await this.replace(alertId, nowMs)
    }
  }

  /** Replacements started by the listener and still running (tests wait on them). */
  async settled() {
    await Promise.all(this.#running)
  }

  async replace(alertId: number, nowMs = Date.now()) {
    const identity = vapidIdentity(await this.settings.forInstall<WebPushValues>())
    // Without keys or contact email nothing can be pushed: the schedule tries again.
    if (!identity.ready) return
    const shown = await AlertPushes.shown(alertId)
    const fallback = shown.values().next().value
    if (!fallback) return
    for (;;) {
      const claimed = await AlertPushes.claim(alertId, nowMs)
      if (claimed.length === 0) return
      const browsers = await this.contacts.listFor(
        [...new Set(claimed.map((row) => row.residentId))],
        { kind: PUSH_KIND }
      )
      const byId = new Map<number, ResidentContact>(
        [...browsers.values()].flat().map((contact) => [contact.id, contact])
      )
      const done: number[] = []
      await Promise.all(
        claimed.map(async (row) => {
          const contact = byId.get(row.contactId)
          const subscription = contact ? parseSubscription(contact.value) : null
          // Removed or unsubscribed since: nothing shows the alert any more.
          if (!subscription) return done.push(row.contactId)
          const alert = shown.get(row.language) ?? fallback
          const result = await pushTo(
            subscription,
            cancellationPayload(alertId, alert),
            { ...pushOptionsFor(alert.priority), topic: topicFor(alertId) },
            this.signer,
            identity
          )
          if (result.result === 'gone') await this.contacts.markInvalid(row.contactId)
          if (result.result !== 'retry' || row.attempts + 1 >= MOST_ATTEMPTS) {
            return done.push(row.contactId)
          }
          const wait = Math.max(RETRY_MS, (result.after ?? 0) * 1000)
          await AlertPushes.tryAgain(alertId, row.contactId, nowMs + wait)
        })
      )
      await AlertPushes.replaced(alertId, done, Date.now())
    }
  }
}
