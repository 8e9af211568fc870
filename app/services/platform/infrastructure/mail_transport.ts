import { randomUUID } from 'node:crypto'
import nodemailer, { type Transporter } from 'nodemailer'
import env from '#start/env'
import OutboxEmail from '#models/platform/outbox_email'
import { dkimSettings } from '#services/platform/infrastructure/dkim_settings'

export interface OutgoingMail {
  to: string
  /** The display name of the From address; MAIL_FROM_NAME when not given. */
  fromName?: string
  subject: string
  text: string
  html?: string
  headers?: Record<string, string>
}

export interface MailTransportError extends Error {
  responseCode?: number
  code?: string
}

/** SMTP connections each worker keeps open (SMTP_POOL_CONNECTIONS): 20 keeps a local relay busy. */
export function smtpPoolConnections() {
  return env.get('SMTP_POOL_CONNECTIONS') ?? 20
}

/** The most emails a second across every worker, or null for no cap. */
export function smtpMaxPerSecond() {
  return env.get('SMTP_MAX_PER_SECOND') ?? env.get('EMAIL_RATE_PER_SECOND') ?? null
}

/** The DKIM signing options, or undefined when the install signs nothing (checked at boot in start/env.ts). */
export function dkimOptions() {
  const { options } = dkimSettings({
    DKIM_DOMAIN: env.get('DKIM_DOMAIN'),
    DKIM_SELECTOR: env.get('DKIM_SELECTOR'),
    DKIM_PRIVATE_KEY: env.get('DKIM_PRIVATE_KEY'),
    DKIM_PRIVATE_KEY_FILE: env.get('DKIM_PRIVATE_KEY_FILE'),
  })
  return options ?? undefined
}

/**
 * Sends email by SMTP when SMTP_HOST is set; otherwise keeps it in the
 * outbox table, which an admin reads in the browser. The demo therefore
 * works without a mail server.
 */
export class MailTransport {
  #smtp: Transporter | null = null

  get usesOutbox() {
    return !env.get('SMTP_HOST')
  }

  get from() {
    return {
      name: env.get('MAIL_FROM_NAME', 'Beacon alerts'),
      address: env.get('MAIL_FROM_ADDRESS', 'alerts@beacon.localhost'),
    }
  }

  #transport() {
    if (!this.#smtp) {
      const username = env.get('SMTP_USERNAME')
      this.#smtp = nodemailer.createTransport({
        pool: true,
        // Each connection carries one mail at a time: the pool's size is the send path's parallelism.
        maxConnections: smtpPoolConnections(),
        // Kept open for as many mails as the server takes: nodemailer's default closes each after 100 and,
        // under load, lost the mails a recycled connection had queued (their sends never answered).
        maxMessages: Number.POSITIVE_INFINITY,
        host: env.get('SMTP_HOST'),
        port: env.get('SMTP_PORT', 587),
        secure: env.get('SMTP_SECURE', false),
        auth: username ? { user: username, pass: env.get('SMTP_PASSWORD') } : undefined,
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 30_000,
        // Every mail the transport sends is signed, the prebuilt MIME of alerts (sendRaw) too:
        // nodemailer signs the finished message stream, however it was composed.
        dkim: dkimOptions(),
      })
    }
    return this.#smtp
  }

  get domain() {
    return this.from.address.split('@')[1] ?? 'beacon.localhost'
  }

  /**
   * Asks the SMTP server whether it accepts a connection (and the login).
   * Remembered for a short while, so a busy send does not ask every time.
   */
  async verify(): Promise<string | null> {
    if (this.usesOutbox) return null
    if (this.#verified && this.#verified.until > Date.now()) return this.#verified.problem
    let problem: string | null = null
    try {
      await this.#transport().verify()
    } catch (error) {
      const reason = (error as MailTransportError).message || 'no answer'
      problem = `The mail server ${env.get('SMTP_HOST')}:${env.get('SMTP_PORT', 587)} refused the connection (${reason}). Check the SMTP settings, then resume.`
    }
    this.#verified = { problem, until: Date.now() + 15_000 }
    return problem
  }

  #verified: { problem: string | null; until: number } | null = null

  /**
   * Returns the Message-ID the mail was accepted with. A caller that may send
   * the same mail again (a retry after a crash) passes a stable Message-ID, so
   * the copies are recognisably one mail.
   */
  async send(mail: OutgoingMail, stableMessageId?: string): Promise<string> {
    const messageId = stableMessageId ?? `<${randomUUID()}@${this.domain}>`

    if (this.usesOutbox) {
      await OutboxEmail.create({
        toAddress: mail.to,
        subject: mail.subject,
        textBody: mail.text,
        htmlBody: mail.html ?? null,
        headers: mail.headers ?? {},
        messageId,
      })
      return messageId
    }

    await this.#transport().sendMail({
      from: mail.fromName ? { ...this.from, name: mail.fromName } : this.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      headers: mail.headers,
      messageId,
    })
    return messageId
  }

  /**
   * Sends a message already in MIME form (see MimeTemplate), by SMTP only:
   * nothing is composed again. Returns the Message-ID it carries.
   */
  async sendRaw(to: string, raw: string, messageId: string): Promise<string> {
    // The Message-ID given, which is the one in `raw`, spares nodemailer making one of its own for nothing.
    await this.#transport().sendMail({
      envelope: { from: this.from.address, to: [to] },
      raw,
      messageId,
    })
    return messageId
  }

  close() {
    this.#smtp?.close()
    this.#smtp = null
    this.#verified = null
  }
}

const mailTransport = new MailTransport()
export default mailTransport
