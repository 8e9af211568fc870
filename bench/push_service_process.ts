/*
| A push service (RFC 8030) over HTTPS that accepts every push with 201 Created,
| counts it and throws it away. The push benchmark runs it in a child process
| of its own, so that its CPU is not the measured process's. Its certificate
| and key come in PUSH_TLS_CERT and PUSH_TLS_KEY (PEM). Over IPC:
|   { type: 'count' }  → { type: 'count', accepted, endpoints, vapidHeaders }
|   { type: 'reset' }  → { type: 'reset' }
|   { type: 'stop' }   → closes and exits
*/
import https from 'node:https'

let accepted = 0
let endpoints = new Set<string>()
let vapidHeaders = new Set<string>()

function reply(message: Record<string, unknown>) {
  process.send?.(message)
}

const server = https.createServer(
  { cert: process.env.PUSH_TLS_CERT, key: process.env.PUSH_TLS_KEY, keepAliveTimeout: 30_000 },
  (request, response) => {
    request.resume()
    request.on('end', () => {
      const ok = request.headers['content-encoding'] === 'aes128gcm' && request.headers.ttl
      if (ok) {
        accepted++
        endpoints.add(request.url ?? '')
        vapidHeaders.add(String(request.headers.authorization))
      }
      response.writeHead(ok ? 201 : 400, ok ? { Location: `/m/${accepted}` } : {})
      response.end()
    })
  }
)

process.on('message', (message: { type: string }) => {
  if (message.type === 'count') {
    reply({ type: 'count', accepted, endpoints: endpoints.size, vapidHeaders: vapidHeaders.size })
  } else if (message.type === 'reset') {
    accepted = 0
    endpoints = new Set()
    vapidHeaders = new Set()
    reply({ type: 'reset' })
  } else if (message.type === 'stop') {
    server.closeAllConnections()
    server.close(() => process.exit(0))
    setTimeout(() => process.exit(0), 2000).unref()
  }
})

// The parent going away must not leave the service behind.
process.on('disconnect', () => process.exit(0))

server.listen(0, '127.0.0.1', () => {
  const address = server.address()
  reply({ type: 'ready', port: typeof address === 'object' && address ? address.port : 0 })
})
