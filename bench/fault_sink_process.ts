/*
| The fault benchmark's SMTP sink, in a process of its own. It counts what it
| accepts as (recipient, alert) pairs, read from the envelope and from
| Beacon's Message-ID (<beacon.ALERT.DELIVERY@…>), and can break things the
| way a real relay or a crash does. It answers the parent over IPC:
|   { type: 'faults', killAt?, refusals?, busy?, delayMs? } → { type: 'faults' }
|       killAt: { accepted, pids }: SIGKILL these processes the instant the
|       sink has answered "250" to its accepted-th mail (the accept-to-record window)
|   { type: 'count', alertId } → { type: 'count', accepted, reached, duplicated,
|       refusedForGood, refusedForNow, receiving, kills }
|   { type: 'reset' } → { type: 'reset' }: no faults, nothing counted
|   { type: 'stop' } → closes and exits
*/
import { SMTPServer } from 'smtp-server'

interface Faults {
  killAt?: { accepted: number; pids: number[] } | null
  refusals?: { probability: number; codes: number[]; seed: number } | null
  busy?: number
  delayMs?: number
}

let faults: Faults = {}
let random = () => 1
let accepted = 0
let receiving = 0
let kills = 0
/** alert id → recipient → copies accepted. */
const copies = new Map<string, Map<string, number>>()
/** Recipients refused with a 5xx (they are not expected to get the alert), and 4xx refusals given. */
const refusedForGood = new Set<string>()
let refusedForNow = 0

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

function refusal(recipients: string[]): Error | null {
  let code: number | null = null
  if (faults.busy && faults.busy > 0) {
    faults.busy--
    code = 421
  } else if (faults.refusals && random() < faults.refusals.probability) {
    code = faults.refusals.codes[Math.floor(random() * faults.refusals.codes.length)]
  }
  if (!code) return null
  if (code >= 500) recipients.forEach((recipient) => refusedForGood.add(recipient))
  else refusedForNow++
  const error = new Error(`Refused by the fault sink with ${code}`) as Error & {
    responseCode: number
  }
  error.responseCode = code
  return error
}

function later(callback: (error?: Error | null) => void, error?: Error | null) {
  if (faults.delayMs) setTimeout(() => callback(error), faults.delayMs)
  else callback(error)
}

function reply(message: Record<string, unknown>) {
  process.send?.(message)
}

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  disableReverseLookup: true,
  closeTimeout: 100,
  onMailFrom(_address, _session, callback) {
    later(callback)
  },
  onRcptTo(address, _session, callback) {
    later(callback, refusal([address.address.toLowerCase()]))
  },
  onData(stream, session, callback) {
    const recipients = session.envelope.rcptTo.map((rcpt) => rcpt.address.toLowerCase())
    let head = ''
    stream.on('data', (chunk: Buffer) => {
      if (head.length < 4096) head += chunk.toString('latin1')
    })
    // Counted once the whole message has arrived: one cut off by a killed sender never ends.
    stream.on('end', () => {
      receiving++
      const refused = refusal(recipients)
      const accept = () => {
        receiving--
        if (refused) return callback(refused)
        const alertId = /^Message-ID: <beacon\.(\d+)\./im.exec(head)?.[1] ?? 'other'
        let byRecipient = copies.get(alertId)
        if (!byRecipient) copies.set(alertId, (byRecipient = new Map()))
        for (const recipient of recipients) {
          byRecipient.set(recipient, (byRecipient.get(recipient) ?? 0) + 1)
        }
        accepted++
        callback()
        // After the "250" was written: the senders die before they can record it.
        if (faults.killAt && accepted >= faults.killAt.accepted) {
          for (const pid of faults.killAt.pids) {
            try {
              process.kill(pid, 'SIGKILL')
            } catch {
              // Already gone.
            }
          }
          faults.killAt = null
          kills++
        }
      }
      later(accept)
    })
  },
})

server.on('error', (error: Error & { code?: string }) => {
  // A killed sender's connections end this way: that is the fault, not a problem of the sink.
  if (error.code !== 'ECONNRESET') console.error(`Fault sink: ${error.message}`)
})

process.on('message', (message: { type: string } & Faults & { alertId?: number }) => {
  if (message.type === 'faults') {
    faults = { ...faults, ...message }
    if (message.refusals) random = seededRandom(message.refusals.seed)
    reply({ type: 'faults' })
  } else if (message.type === 'count') {
    const byRecipient = copies.get(String(message.alertId)) ?? new Map<string, number>()
    let duplicated = 0
    for (const count of byRecipient.values()) duplicated += count - 1
    const refusedNotReached = [...refusedForGood].filter((recipient) => !byRecipient.has(recipient))
    reply({
      type: 'count',
      accepted,
      reached: byRecipient.size,
      duplicated,
      refusedForGood: refusedNotReached.length,
      refusedForNow,
      receiving,
      kills,
    })
  } else if (message.type === 'reset') {
    faults = {}
    accepted = 0
    kills = 0
    refusedForNow = 0
    copies.clear()
    refusedForGood.clear()
    reply({ type: 'reset' })
  } else if (message.type === 'stop') {
    server.close(() => process.exit(0))
    setTimeout(() => process.exit(0), 2000).unref()
  }
})

process.on('disconnect', () => process.exit(0))

const port = Number(process.env.BENCH_FAULT_SMTP_PORT ?? 0)
server.listen(port, '127.0.0.1', () => {
  const address = server.server.address()
  reply({ type: 'ready', port: typeof address === 'object' && address ? address.port : 0 })
})
