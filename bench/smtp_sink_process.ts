/*
| An SMTP server that accepts every mail, counts it and throws it away. The
| fan-out benchmark runs it in a child process of its own, so that its CPU is
| not the measured process's. It answers the parent over IPC:
|   { type: 'count' }  → { type: 'count', accepted, recipients }
|   { type: 'reset' }  → { type: 'reset' }
|   { type: 'stop' }   → closes and exits
|
| `--latency-ms L` (argv) delays the greeting and every reply to MAIL FROM,
| RCPT TO and the end of DATA by L ms, as a relay across the internet would:
| three round trips a mail on a pooled connection. `--port P` listens on P
| (0, the default, lets the system choose).
*/
import { parseArgs } from 'node:util'
import { SMTPServer } from 'smtp-server'

const { values: options } = parseArgs({
  options: { 'latency-ms': { type: 'string' }, 'port': { type: 'string' } },
})
const LATENCY_MS = Number(options['latency-ms'] ?? 0)
const PORT = Number(options.port ?? 0)

/** Answers after the latency; at 0, at once (no timer in the way of the limit). */
function later(callback: () => void) {
  if (LATENCY_MS > 0) setTimeout(callback, LATENCY_MS)
  else callback()
}

let accepted = 0
let recipients = new Set<string>()

function reply(message: Record<string, unknown>) {
  process.send?.(message)
}

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  // A reverse DNS lookup per connection would make the sink, not the sender, the bottleneck.
  disableReverseLookup: true,
  // Pooled connections stay open; closing must not wait for them.
  closeTimeout: 100,
  onConnect(_session, callback) {
    later(() => callback())
  },
  onMailFrom(_address, _session, callback) {
    later(() => callback())
  },
  onRcptTo(_address, _session, callback) {
    later(() => callback())
  },
  onData(stream, session, callback) {
    stream.on('end', () => {
      accepted++
      for (const recipient of session.envelope.rcptTo) {
        recipients.add(recipient.address.toLowerCase())
      }
      later(() => callback())
    })
    stream.resume()
  },
})

server.on('error', (error) => {
  console.error(`SMTP sink: ${error.message}`)
})

process.on('message', (message: { type: string }) => {
  if (message.type === 'count') {
    reply({ type: 'count', accepted, recipients: recipients.size })
  } else if (message.type === 'reset') {
    accepted = 0
    recipients = new Set()
    reply({ type: 'reset' })
  } else if (message.type === 'stop') {
    server.close(() => process.exit(0))
    setTimeout(() => process.exit(0), 2000).unref()
  }
})

// The parent going away must not leave the sink behind.
process.on('disconnect', () => process.exit(0))

server.listen(PORT, '127.0.0.1', () => {
  const address = server.server.address()
  reply({ type: 'ready', port: typeof address === 'object' && address ? address.port : 0 })
})
