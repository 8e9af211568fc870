/*
| The machine's limit, one sending process of it: a pre-built MIME message
| (Beacon's own, rendered once by the parent) sent with nodemailer's pool as
| `raw`, only To and Message-ID substituted per mail. No database, no queue,
| no composing: what is left is nodemailer's SMTP client, the sockets and the
| sink. The parent forks one or two of these and drives them over IPC:
|   → { type: 'go', port, connections, mails, seconds, firstId, raw, from, placeholder }
|   ← { type: 'done', sent, elapsedMs, cpuMicros }
*/
import { performance } from 'node:perf_hooks'
import nodemailer from 'nodemailer'

interface Go {
  type: 'go'
  port: number
  connections: number
  mails: number
  seconds: number
  firstId: number
  raw: string
  from: string
  /** The token standing for the recipient's number in `raw` (in To and in Message-ID). */
  placeholder: string
}

async function run(go: Go) {
  const transport = nodemailer.createTransport({
    pool: true,
    maxConnections: go.connections,
    // A connection is never recycled during a step: reconnecting is not what is measured.
    maxMessages: Number.POSITIVE_INFINITY,
    host: '127.0.0.1',
    port: go.port,
    secure: false,
    // Hundreds of connections opening at once on a busy machine take their time.
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  })
  const parts = go.raw.split(go.placeholder)
  const cpuBefore = process.cpuUsage()
  const started = performance.now()
  const deadline = started + go.seconds * 1000
  let next = 0
  let sent = 0
  // Two mails queued per connection, so that no connection waits for the next one to be handed over.
  const lane = async () => {
    while (next < go.mails && performance.now() < deadline) {
      const id = String(go.firstId + next++)
      await transport.sendMail({
        envelope: { from: go.from, to: [`resident-${id}@bench.example`] },
        raw: parts.join(id),
      })
      sent++
    }
  }
  await Promise.all(Array.from({ length: go.connections * 2 }, lane))
  const elapsedMs = performance.now() - started
  const cpu = process.cpuUsage(cpuBefore)
  transport.close()
  process.send?.({ type: 'done', sent, elapsedMs, cpuMicros: cpu.user + cpu.system })
}

process.on('message', (message: Go) => {
  if (message.type === 'go') {
    run(message).catch((error) => {
      process.send?.({ type: 'failed', message: (error as Error).message })
    })
  }
})
process.on('disconnect', () => process.exit(0))
process.send?.({ type: 'ready' })
