import { EventEmitter } from 'node:events'
import { SMTPServer } from 'smtp-server'
import { simpleParser, type ParsedMail } from 'mailparser'
import type { AcceptGate } from '#tests/helpers/accept_gate'

function headerValue(parsed: ParsedMail, name: string) {
  const line = parsed.headerLines.find((header) => header.key === name.toLowerCase())?.line
  return line
    ?.slice(line.indexOf(':') + 1)
    .replace(/\r?\n\s+/g, ' ')
    .trim()
}

/** A reproducible pseudo-random sequence in [0, 1) (mulberry32), so a failing run can be replayed. */
function seededRandom(seed: number) {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function smtpError(code: number, message: string) {
  const error = new Error(message) as Error & { responseCode: number }
  error.responseCode = code
  return error
}

/** Refusals the sink gives at random: at RCPT TO, or after the whole message was received. */
export interface RandomRefusals {
  /** The share of answers (0–1) that are a refusal. */
  probability: number
  /** The codes to refuse with, picked at random: 4xx temporary, 5xx permanent. */
  codes: number[]
  seed: number
}

/** The (recipient, alert) pairs the sink accepted, against those it should have. */
export interface PairCount {
  /** Expected recipients who got nothing. */
  lost: number
  /** Copies beyond the first, over every recipient. */
  duplicated: number
  /** Recipients who got it at least once. */
  reached: number
}

export interface ReceivedMail {
  to: string[]
  messageId: string
  subject: string
  text: string
  html: string
  /** The message exactly as it arrived (after SMTP's dot-unstuffing), for checks such as DKIM. */
  raw: Buffer
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
  /** Milliseconds the sink waits before each reply (MAIL FROM, RCPT TO, end of data), as a distant relay would. */
  replyDelayMs = 0
  /** How many recipients, from now on, whatever their address, are answered 421 (the server is busy). */
  busyReplies = 0
  /** Refusals at random (see RandomRefusals), or null for none. */
  randomRefusals: RandomRefusals | null = null
  /** Every refusal given: the recipient and the code. */
  refusalsGiven: Array<{ recipient: string; code: number }> = []
  /** Recipient → a promise the sink waits for before accepting their mail (one slow mail of a batch). */
  holds = new Map<string, Promise<unknown>>()
  /** Messages fully received and still being parsed (not yet accepted). */
  parsing = 0
  /** A test's gate (see AcceptGate): every mail passes it before it is accepted. */
  gate: AcceptGate | null = null
  // Sessions whose connection closed while a gate was set: their held mails are never accepted.
  #closedSessions = new Set<string>()
  #random: (() => number) | null = null

  /** Sets every fault option back to none. */
  resetFaults() {
    this.refusals.clear()
    this.refuseOnce.clear()
    this.holds.clear()
    this.replyDelayMs = 0
    this.busyReplies = 0
    this.randomRefusals = null
    this.refusalsGiven = []
    this.#random = null
    this.gate?.release()
    this.gate = null
    this.#closedSessions.clear()
  }

  #delayed(callback: (error?: Error | null) => void, error?: Error) {
    if (this.replyDelayMs <= 0) return callback(error)
    setTimeout(() => callback(error), this.replyDelayMs)
  }

  /** A refusal code drawn from randomRefusals, or null to accept. */
  #randomRefusal(): number | null {
    const refusals = this.randomRefusals
    if (!refusals) return null
    this.#random ??= seededRandom(refusals.seed)
    if (this.#random() >= refusals.probability) return null
    return refusals.codes[Math.floor(this.#random() * refusals.codes.length)]
  }

  #refuse(recipient: string, code: number, message: string) {
    this.refusalsGiven.push({ recipient, code })
    return smtpError(code, message)
  }

  async start(port: number) {
    this.#server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      // Beacon's pooled connections stay open; closing must not wait for them.
      closeTimeout: 100,
      onClose: (session) => {
        if (this.gate) this.#closedSessions.add(session.id)
      },
      onMailFrom: (_address, _session, callback) => this.#delayed(callback),
      onRcptTo: (address, _session, callback) => {
        const recipient = address.address.toLowerCase()
        if (this.busyReplies > 0) {
          this.busyReplies--
          return this.#delayed(callback, this.#refuse(recipient, 421, 'Too busy, try again later'))
        }
        if (this.refuseOnce.delete(recipient)) {
          return this.#delayed(callback, this.#refuse(recipient, 421, 'Try again later'))
        }
        const code = this.refusals.get(recipient) ?? this.#randomRefusal()
        if (code) {
          return this.#delayed(
            callback,
            this.#refuse(recipient, code, `Refused by the test sink with ${code}`)
          )
        }
        this.#delayed(callback)
      },
      onData: (stream, session, callback) => {
        const recipients = session.envelope.rcptTo.map((rcpt) => rcpt.address.toLowerCase())
        // Refused after the whole message arrived: the sender must not take it as accepted.
        const refusedWith = this.#randomRefusal()
        // Counted once the whole message has arrived: one cut off by a killed sender never ends.
        let arrived = false
        const chunks: Buffer[] = []
        stream.on('data', (chunk: Buffer) => chunks.push(chunk))
        stream.once('end', () => {
          arrived = true
          this.parsing++
        })
        const answered = () => {
          if (arrived) this.parsing--
          arrived = false
        }
        simpleParser(stream)
          .then((parsed) => {
            if (refusedWith) {
              const error = this.#refuse(
                recipients.join(','),
                refusedWith,
                `Mail refused by the test sink with ${refusedWith}`
              )
              answered()
              return this.#delayed(callback, error)
            }
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
              raw: Buffer.concat(chunks),
              header: (name) => headerValue(parsed, name),
            }
            const accept = () => {
              this.received.push(mail)
              answered()
              this.emit('mail', mail)
              callback()
              // After the "250 accepted" reply was written: a test may kill the sender here.
              this.emit('accepted', mail)
            }
            // Through the test's gate: at once, once it opens, or never when the sender went away meanwhile.
            const admit = () => {
              if (!this.gate) return accept()
              void this.gate
                .pass(() => this.#closedSessions.has(session.id))
                .then((accepted) => (accepted ? accept() : answered()))
            }
            const hold = recipients.map((recipient) => this.holds.get(recipient)).find(Boolean)
            if (hold) void hold.then(admit)
            else if (this.replyDelayMs > 0) setTimeout(admit, this.replyDelayMs)
            else admit()
          })
          .catch((error) => {
            answered()
            callback(error)
          })
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

  /**
   * Counts (recipient, alert) pairs, not Message-IDs: a mail sent twice keeps
   * its Message-ID, so only the pairs show a duplicate. The alert is read from
   * Beacon's Message-ID (<beacon.ALERT.DELIVERY@…>), in the mails received
   * from `fromIndex` on.
   */
  pairCount(alertId: number, expectedRecipients: string[], fromIndex = 0): PairCount {
    const copies = new Map<string, number>()
    for (const mail of this.received.slice(fromIndex)) {
      if (!mail.messageId.startsWith(`<beacon.${alertId}.`)) continue
      for (const recipient of mail.to) copies.set(recipient, (copies.get(recipient) ?? 0) + 1)
    }
    const expected = expectedRecipients.map((address) => address.toLowerCase())
    return {
      lost: expected.filter((recipient) => !copies.has(recipient)).length,
      duplicated: [...copies.values()].reduce((sum, count) => sum + count - 1, 0),
      reached: copies.size,
    }
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
