import limiter from '@adonisjs/limiter/services/main'
import type Alert from '#models/messaging/alert'
import channelRegistry from '#services/platform/plugins/channel_registry'
import { renderableAlert } from '#services/messaging/alert_rendering'
import AlertLinks from '#services/messaging/alert_links'
import { TEST_DELIVERY_ID } from '#services/messaging/delivery/channel_test_send'

/** Tests a member of staff may send themselves, per window: enough to check, not a mailing list. */
export const ALERT_TESTS_ALLOWED = 5
export const ALERT_TESTS_WINDOW = '10 minutes'

export const TEST_MARK = '[TEST]'
const TEST_NOTE =
  'This is a test, sent to you alone from the alert’s page. No resident received it, and the alert has not been sent.'

export interface AlertTestResult {
  ok: boolean
  message: string
}

/**
 * "Send a test to me" on an alert's page: the alert by email, rendered as
 * a resident gets it (branding, words, links), to the member of staff who
 * asked, marked as a test in its subject and first line. It goes straight
 * through the email channel's send(), so it is in no ledger: no delivery
 * row, no change to the alert's status or counts, nothing queued.
 */
export default class AlertTestSend {
  static async toMember(
    alert: Alert,
    member: { id: number; email: string; fullName: string }
  ): Promise<AlertTestResult> {
    const email = channelRegistry.available(alert.organisationId).find((one) => one.id === 'email')
    if (!email) return { ok: false, message: 'Not sent: the email channel is not switched on.' }
    const readiness = await email.isReady()
    if (!readiness.ready) return { ok: false, message: `Not sent: ${readiness.reason}` }

    const allowance = limiter.use({ requests: ALERT_TESTS_ALLOWED, duration: ALERT_TESTS_WINDOW })
    const key = `alert-test:${member.id}`
    const outcome = await allowance.attempt(key, () => this.#send(alert, member))
    if (outcome === undefined) {
      const minutes = Math.max(1, Math.ceil((await allowance.availableIn(key)) / 60))
      return {
        ok: false,
        message: `Not sent: you have sent ${ALERT_TESTS_ALLOWED} tests in the last 10 minutes. Try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`,
      }
    }
    return outcome
  }

  static async #send(
    alert: Alert,
    member: { email: string; fullName: string }
  ): Promise<AlertTestResult> {
    const email = channelRegistry.get('email')!
    await alert.load('organisation')
    const renderable = renderableAlert(alert, {
      title: `${TEST_MARK} ${alert.title}`,
      body: `**${TEST_NOTE}**\n\n${alert.body}`,
    })
    try {
      const variant = await email.render(renderable, 'en')
      const [outcome] = await email.send([
        {
          deliveryId: TEST_DELIVERY_ID,
          recipient: {
            residentId: 0,
            name: member.fullName,
            email: member.email,
            phone: null,
            landline: null,
            language: 'en',
          },
          alert: {
            id: alert.id,
            title: renderable.title,
            body: renderable.bodyMarkdown,
            priority: alert.priority,
            priorityLabel: alert.priorityLabel,
            organisationName: alert.organisation.name,
            organisationId: alert.organisationId,
          },
          variant,
          language: 'en',
          senderName: renderable.branding.senderName,
          unsubscribeUrl: AlertLinks.unsubscribePage(0),
          oneClickUnsubscribeUrl: AlertLinks.oneClickUnsubscribe(0),
        },
      ])
      if (outcome?.status === 'sent') {
        return { ok: true, message: `A test was sent to ${member.email}. No resident received it.` }
      }
      return {
        ok: false,
        message: `Not sent: ${outcome?.reason ?? 'the mail server did not answer'}.`,
      }
    } catch {
      return { ok: false, message: 'Not sent: the test failed with an error. Try again shortly.' }
    }
  }
}
