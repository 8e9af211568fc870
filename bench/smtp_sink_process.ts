/*
| An SMTP server that accepts every mail, counts it and throws it away. The
| fan-out benchmark runs it in a child process of its own, so that its CPU is
| not the measured process's. It answers the parent over IPC:
|   { type: 'count' }  → { type: 'count', accepted, recipients }
|   { type: 'reset' }  → { type: 'reset' }
|   { type: 'stop' }   → closes and exits
*/
import { SMTPServer } from 'smtp-server'

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
  onData(stream, session, callback) {
    stream.on('end', () => {
      accepted++
      for (const recipient of session.envelope.rcptTo) {
        recipients.add(recipient.address.toLowerCase())
      }
      callback()
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

server.listen(0, '127.0.0.1', () => {
  const address = server.server.address()
  reply({ type: 'ready', port: typeof address === 'object' && address ? address.port : 0 })
})
