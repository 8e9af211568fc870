import edge from 'edge.js'
import type {
  Channel,
  ChannelReadiness,
  ChannelRecipient,
  DeliveryOutcome,
  OutgoingDelivery,
} from '#contracts/channel'
import db from '@adonisjs/lucid/services/db'
import env from '#start/env'
import mailTransport, { type MailTransportError } from '#services/mail_transport'
import { sqlTime } from '#services/sql_time'

const UNSUBSCRIBE = '%%UNSUBSCRIBE_URL%%'
const NAME = '%%RECIPIENT_NAME%%'

interface RenderedAlert {
  subject: string
  html: string
  text: string
}

function escapeHtml(value: string) {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;')
}

/**
 * The core's email channel: SMTP through nodemailer (or the outbox), with
 * one-click unsubscribe headers (RFC 8058).
 */
export default class EmailChannel implements Channel {
  readonly id = 'email'
  readonly label = 'Email'
  readonly limits = {
    maxTextLength: null,
    supportsHtml: true,
    batchSize: 50,
    concurrency: 4,
    ratePerSecond: env.get('EMAIL_RATE_PER_SECOND') ?? null,
  }

  // An alert is rendered once per message, then only the per-recipient tokens change.
  #rendered = new Map<string, RenderedAlert>()

  async isReady(): Promise<ChannelReadiness> {
    const problem = await mailTransport.verify()
    return problem ? { ready: false, reason: problem } : { ready: true }
  }

  async markInvalid(subscriberId: number) {
    await db.from('subscribers').where('id', subscriberId).update({ email_bounced_at: sqlTime() })
  }

  addressOf(recipient: ChannelRecipient) {
    return recipient.email
  }

  async #render(message: OutgoingDelivery['message']): Promise<RenderedAlert> {
    // Keyed by content as well as id: a cache must never answer with another message's text.
    const key = JSON.stringify(message)
    const cached = this.#rendered.get(key)
    if (cached) return cached
    const state = { message, unsubscribeUrl: UNSUBSCRIBE, recipientName: NAME }
    const rendered = {
      subject: `[${message.priorityLabel}] ${message.title}`,
      html: await edge.render('emails/alert_html', state),
      text: await edge.render('emails/alert_text', state),
    }
    if (this.#rendered.size > 50) this.#rendered.clear()
    this.#rendered.set(key, rendered)
    return rendered
  }

  async send(batch: OutgoingDelivery[]): Promise<DeliveryOutcome[]> {
    return Promise.all(batch.map((delivery) => this.#sendOne(delivery)))
  }

  async #sendOne(delivery: OutgoingDelivery): Promise<DeliveryOutcome> {
    const to = delivery.recipient.email
    if (!to) {
      return {
        deliveryId: delivery.deliveryId,
        status: 'failed',
        reason: 'No email address',
        permanent: true,
      }
    }
    const alert = await this.#render(delivery.message)
    const personalise = (body: string, escape: boolean) => {
      const name = escape ? escapeHtml(delivery.recipient.name) : delivery.recipient.name
      const url = escape ? escapeHtml(delivery.unsubscribeUrl) : delivery.unsubscribeUrl
      return body.replaceAll(UNSUBSCRIBE, url).replaceAll(NAME, name)
    }

    try {
      const providerId = await mailTransport.send(
        {
          to,
          subject: alert.subject,
          html: personalise(alert.html, true),
          text: personalise(alert.text, false),
          headers: {
            'List-Unsubscribe': `<${delivery.oneClickUnsubscribeUrl}>`,
            'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
            'X-Beacon-Delivery': String(delivery.deliveryId),
          },
        },
        // One delivery, one Message-ID, however many times it is tried.
        `<beacon.${delivery.message.id}.${delivery.deliveryId}@${mailTransport.domain}>`
      )
      return { deliveryId: delivery.deliveryId, status: 'sent', providerId }
    } catch (error) {
      return this.#classify(delivery.deliveryId, error as MailTransportError)
    }
  }

  /**
   * SMTP 5xx is permanent; 4xx, timeouts and refused connections are worth
   * another try later.
   */
  #classify(deliveryId: number, error: MailTransportError): DeliveryOutcome {
    const reason = (error.message || 'Unknown SMTP error').slice(0, 480)
    if (error.responseCode && error.responseCode >= 500) {
      // A 5xx for the recipient (RCPT TO) is a hard bounce: the address is dead.
      const invalidContact =
        error.code === 'EENVELOPE' && [550, 551, 553].includes(error.responseCode)
      return { deliveryId, status: 'failed', reason, permanent: true, invalidContact }
    }
    return { deliveryId, status: 'retry', reason }
  }
}
