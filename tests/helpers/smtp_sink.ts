import { EventEmitter } from 'node:events'
import { SMTPServer } from 'smtp-server'
import { simpleParser, type ParsedMail } from 'mailparser'

function headerValue(parsed: ParsedMail, name: string) {
  const line = parsed.headerLines.find((header) => header.key === name.toLowerCase())?.line
  return line
    ?.slice(line.indexOf(':') + 1)
    .replace(/\r?\n\s+/g, ' ')
    .trim()
}

export interface ReceivedMail {
  to: string[]
  messageId: string
  subject: string
  text: string
  html: string
  /** A header as it was sent (unfolded), by its name in any case. */
  header(name: string): string | undefined
}

/**
 * A real SMTP server in the test process: Beacon's nodemailer transport
 * connects to it as it would to any mail server.
 */
export class SmtpSink extends EventEmitter {
  #server: SMTPServer | null = null
  received: ReceivedMail[] = []
  /** Recipient address → SMTP reply code to refuse it with (4xx temporary, 5xx permanent). */
  refusals = new Map<string, number>()
  /** Addresses refused once with 421 (try again later), then accepted. */
  refuseOnce = new Set<string>()

  async start(port: number) {
    this.#server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      // Beacon's pooled connections stay open; closing must not wait for them.
      closeTimeout: 100,
      onRcptTo: (address, _session, callback) => {
        const recipient = address.address.toLowerCase()
        if (this.refuseOnce.delete(recipient)) {
          const error = new Error('Try again later') as Error & { responseCode: number }
          error.responseCode = 421
          return callback(error)
        }
        const code = this.refusals.get(recipient)
        if (code) {
          const error = new Error(`Refused by the test sink with ${code}`) as Error & {
            responseCode: number
          }
          error.responseCode = code
          return callback(error)
        }
        callback()
      },
      onData: (stream, _session, callback) => {
        simpleParser(stream)
          .then((parsed) => {
            const to = (
              Array.isArray(parsed.to) ? parsed.to : parsed.to ? [parsed.to] : []
            ).flatMap((address) =>
              address.value.map((value) => (value.address ?? '').toLowerCase())
            )
            const mail: ReceivedMail = {
              to,
              messageId: parsed.messageId ?? '',
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : '',
              header: (name) => headerValue(parsed, name),
            }
            this.received.push(mail)
            this.emit('mail', mail)
            callback()
          })
          .catch(callback)
      },
    })
    await new Promise<void>((resolve, reject) => {
      this.#server!.once('error', reject)
      this.#server!.listen(port, '127.0.0.1', () => resolve())
    })
  }

  async stop() {
    await new Promise<void>((resolve) =>
      this.#server ? this.#server.close(() => resolve()) : resolve()
    )
    this.#server = null
  }

  /** Distinct Message-IDs received for an address: a resent copy of one mail counts once. */
  messageIdsTo(address: string) {
    return new Set(this.mailTo(address).map((mail) => mail.messageId))
  }

  mailTo(address: string) {
    return this.received.filter((mail) => mail.to.includes(address.toLowerCase()))
  }

  /** Resolves with the first mail to the address that matches, waiting for it to arrive. */
  waitForMail(
    address: string,
    matches: (mail: ReceivedMail) => boolean = () => true,
    timeoutMs = 15_000
  ) {
    const found = this.mailTo(address).find(matches)
    if (found) return Promise.resolve(found)
    // Created here so that a timeout points at the test that waited.
    const timeout = new Error(`No mail to ${address} arrived within ${timeoutMs} ms`)
    return new Promise<ReceivedMail>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.off('mail', listener)
        const subjects = this.mailTo(address).map((mail) => mail.subject)
        timeout.message += subjects.length
          ? ` (it got: ${subjects.join('; ')})`
          : ' (it got nothing)'
        reject(timeout)
      }, timeoutMs)
      const listener = (mail: ReceivedMail) => {
        if (mail.to.includes(address.toLowerCase()) && matches(mail)) {
          clearTimeout(timer)
          this.off('mail', listener)
          resolve(mail)
        }
      }
      this.on('mail', listener)
    })
  }
}

export const smtpSink = new SmtpSink()
