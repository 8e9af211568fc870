import http from 'node:http'
import type { AddressInfo } from 'node:net'

export interface ReceivedRequest {
  method: string
  path: string
  headers: http.IncomingHttpHeaders
  body: string
}

type Answer = { status: number; headers?: Record<string, string> } | 'hang'

/**
 * A webhook receiver on a local port: it records each request and answers
 * with the next of the answers the test queued (200 once they run out).
 */
export class LocalReceiver {
  requests: ReceivedRequest[] = []
  answers: Answer[] = []
  #server = http.createServer((request, response) => {
    let body = ''
    request.setEncoding('utf8')
    request.on('data', (chunk: string) => (body += chunk))
    request.on('end', () => {
      this.requests.push({
        method: request.method ?? '',
        path: request.url ?? '',
        headers: request.headers,
        body,
      })
      const answer = this.answers.shift() ?? { status: 200 }
      if (answer === 'hang') return
      response.writeHead(answer.status, answer.headers ?? {})
      response.end('ok')
    })
  })

  async start() {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve))
    return this
  }

  get port() {
    return (this.#server.address() as AddressInfo).port
  }

  /** An address of this receiver under another host name (resolved by the test's resolver). */
  url(host = '127.0.0.1', path = '/hooks/beacon') {
    return `http://${host}:${this.port}${path}`
  }

  async stop() {
    this.#server.closeAllConnections()
    await new Promise<void>((resolve) => this.#server.close(() => resolve()))
  }
}
