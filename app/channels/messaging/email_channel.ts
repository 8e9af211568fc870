import { randomUUID } from 'node:crypto'
import edge from 'edge.js'
import {
  RECIPIENT_TOKENS,
  type Channel,
  type ChannelReadiness,
  type ChannelRecipient,
  type ChannelVariant,
  type DeliveryOutcome,
  type OutgoingDelivery,
  type RenderableAlert,
} from '#contracts/channel'
import db from '@adonisjs/lucid/services/db'
import MimeTemplate from '#services/messaging/mime_template'
import { escapeHtml } from '#services/messaging/alert_markdown'
import mailTransport, {
  smtpMaxPerSecond,
  smtpPoolConnections,
  type MailTransportError,
} from '#services/platform/infrastructure/mail_transport'
import { sqlTime } from '#services/platform/infrastructure/sql_time'
import recipientLinks from '#services/messaging/recipient_links'
import TrackedEmail, {
  PIXEL_TOKEN,
  type TrackableEmail,
} from '#services/messaging/tracking/tracked_email'
import TrackingTokens from '#services/messaging/tracking/tracking_tokens'
import recipientReplyAddresses from '#services/messaging/recipient_reply_addresses'

// Mails a send job claims at once: each job costs about ten statements whatever its size.
const BATCH_SIZE = 100

/**
 * Send jobs each worker runs at once. Every connection of the pool carries one
 * mail at a time and takes the next queued mail the moment the relay accepts
 * one; with jobs enough for three mails queued per connection, a job waiting
 * for its slowest mail (or claiming its next batch) never leaves a connection
 * idle.
 */
function sendJobsToKeepPoolBusy() {
  return Math.max(4, Math.ceil((3 * smtpPoolConnections()) / BATCH_SIZE) + 1)
}

/**
 * The core's email channel: SMTP through nodemailer (or the outbox), with
 * one-click unsubscribe headers (RFC 8058).
 */
export default class EmailChannel implements Channel {
  readonly id = 'email'
  readonly label = 'Email'
  readonly contact = 'email'
  readonly limits = {
    maxTextLength: null,
    supportsHtml: true,
    batchSize: BATCH_SIZE,
    concurrency: sendJobsToKeepPoolBusy(),
    ratePerSecond: smtpMaxPerSecond(),
  }

  async isReady(): Promise<ChannelReadiness> {
    const problem = await mailTransport.verify()
    return problem ? { ready: false, reason: problem } : { ready: true }
  }

  async markInvalid(residentId: number) {
    await db.from('residents').where('id', residentId).update({ email_bounced_at: sqlTime() })
  }

  addressOf(recipient: ChannelRecipient) {
    return recipient.email
  }

  /** The branded email, once per alert and language; the recipient's name and links stay tokens. */
  async render(alert: RenderableAlert, language: string): Promise<ChannelVariant> {
    const state = {
      alert,
      branding: alert.branding,
      language,
      unsubscribeUrl: RECIPIENT_TOKENS.unsubscribeUrl,
      recipientName: RECIPIENT_TOKENS.name,
      // Later modules' footer links (rating the alert), left as tokens like the unsubscribe link.
      linkGroups: await recipientLinks.forAlert(alert.id),
    }
    return {
      subject: `[${alert.priorityLabel}] ${alert.title}`,
      html: await edge.render('emails/alert_html', state),
      text: await edge.render('emails/alert_text', state),
    }
  }

  // Built once per variant and sender name; the variants of an alert are shared by its send jobs.
  #templates = new WeakMap<ChannelVariant, Map<string, MimeTemplate>>()
  // The variant with its body links and tracking image as tokens (TrackedEmail), once per variant.
  #trackable = new WeakMap<ChannelVariant, { email: TrackableEmail; links: string[] }>()

  // The link groups the variant carries (recipientLinks.groupsIn), once per variant: only those are signed per mail.
  #linkGroups = new WeakMap<ChannelVariant, string[]>()

  #linkGroupsOf(variant: ChannelVariant) {
    let groups = this.#linkGroups.get(variant)
    if (!groups) {
      groups = recipientLinks.groupsIn(variant.text, variant.html)
      this.#linkGroups.set(variant, groups)
    }
    return groups
  }

  #trackableFor(variant: ChannelVariant, delivery: OutgoingDelivery) {
    let trackable = this.#trackable.get(variant)
    if (!trackable) {
      const links = TrackedEmail.linksOf(delivery.alert.body)
      trackable = { email: TrackedEmail.prepare(variant, links), links }
      this.#trackable.set(variant, trackable)
    }
    return trackable
  }

  #templateFor(variant: ChannelVariant, delivery: OutgoingDelivery, email: TrackableEmail) {
    const fromName = delivery.senderName || mailTransport.from.name
    let byName = this.#templates.get(variant)
    if (!byName) {
      byName = new Map()
      this.#templates.set(variant, byName)
    }
    let template = byName.get(fromName)
    if (!template) {
      template = new MimeTemplate({
        from: { name: fromName, address: mailTransport.from.address },
        subject: variant.subject ?? delivery.alert.title,
        text: email.text,
        html: email.html,
      })
      byName.set(fromName, template)
    }
    return template
  }

  /** Every mail goes to the pool at once; each outcome is reported the moment the relay answers. */
  async send(
    batch: OutgoingDelivery[],
    report?: (outcome: DeliveryOutcome) => void
  ): Promise<DeliveryOutcome[]> {
    return Promise.all(
      batch.map(async (delivery) => {
        const outcome = await this.#sendOne(delivery)
        report?.(outcome)
        return outcome
      })
    )
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
    const { variant } = delivery
    // A test send (deliveryId 0) records nothing, so its links are for nobody: they say so.
    const links = recipientLinks.valuesFor(
      delivery.deliveryId === 0 ? 0 : delivery.recipient.residentId,
      delivery.alert.id,
      this.#linkGroupsOf(variant)
    )
    // Opens and clicks: tracked, the body's links go through /c/ and the image loads /o/; else the alert's own links.
    const trackable = this.#trackableFor(variant, delivery)
    const tracking = TrackedEmail.valuesFor(
      trackable.email,
      trackable.links,
      delivery.tracked && delivery.deliveryId !== 0 ? TrackingTokens.for(delivery.deliveryId) : null
    )
    const text: Record<string, string> = {
      ...links,
      ...tracking.links,
      [RECIPIENT_TOKENS.unsubscribeUrl]: delivery.unsubscribeUrl,
      [RECIPIENT_TOKENS.name]: delivery.recipient.name,
    }
    const html: Record<string, string> = {}
    for (const [token, value] of Object.entries(text)) html[token] = escapeHtml(value)
    html[PIXEL_TOKEN] = tracking.pixel
    const personalise = (body: string, values: Record<string, string>) => {
      let personalised = body
      for (const [token, value] of Object.entries(values)) {
        personalised = personalised.replaceAll(token, value)
      }
      return personalised
    }

    // One delivery, one Message-ID, however many times it is tried.
    const messageId =
      delivery.deliveryId === 0
        ? `<beacon.test.${randomUUID()}@${mailTransport.domain}>`
        : `<beacon.${delivery.alert.id}.${delivery.deliveryId}@${mailTransport.domain}>`
    // Answering the email reaches the sender's inbox, when replies by email are set up.
    const replyTo =
      delivery.deliveryId === 0
        ? null
        : recipientReplyAddresses.of(delivery.recipient.residentId, delivery.alert.id)
    const headers: Record<string, string> = {
      'List-Unsubscribe': `<${delivery.oneClickUnsubscribeUrl}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      'X-Beacon-Delivery': String(delivery.deliveryId),
      ...(replyTo ? { 'Reply-To': replyTo } : {}),
    }
    try {
      if (!mailTransport.usesOutbox && MimeTemplate.canAddress(to)) {
        const raw = this.#templateFor(variant, delivery, trackable.email).render({
          to,
          messageId,
          headers,
          text,
          html,
        })
        const providerId = await mailTransport.sendRaw(to, raw, messageId)
        return { deliveryId: delivery.deliveryId, status: 'sent', providerId }
      }
      const providerId = await mailTransport.send(
        {
          to,
          fromName: delivery.senderName,
          subject: variant.subject ?? delivery.alert.title,
          html: trackable.email.html ? personalise(trackable.email.html, html) : undefined,
          text: personalise(trackable.email.text, text),
          headers,
        },
        messageId
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
