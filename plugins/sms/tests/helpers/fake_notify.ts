import http from 'node:http'
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import type { AcceptGate } from '#tests/helpers/accept_gate'

export interface NotifySms {
  id: string
  phoneNumber: string
  templateId: string
  personalisation: Record<string, string>
  reference: string | null
  smsSenderId: string | null
}

export interface QueuedNotifyAnswer {
  status: number
  error?: string
  message?: string
  retryAfter?: string
}

/**
 * A local GOV.UK Notify API (v2) speaking its wire format, for the official
 * `notifications-node-client` pointed at it: every request carries a JWT
 * (HS256, `iss` the service id, `iat` within 30 seconds, signed with the
 * API key's secret) which the fake verifies as Notify does, answering 403
 * AuthError otherwise; POST /v2/notifications/sms answers 201 with the
 * notification's id; GET /v2/template/{id} answers the template. Errors use
 * Notify's body: { status_code, errors: [{ error, message }] }.
 */
export class FakeNotify {
  readonly serviceId = randomUUID()
  readonly secret = randomUUID()
  readonly templateId = randomUUID()
  templateBody = '((body))'
  readonly sent: NotifySms[] = []
  readonly answers: QueuedNotifyAnswer[] = []
  refusedTokens = 0
  /** A test's gate (see AcceptGate): every text passes it before it is accepted. */
  gate: AcceptGate | null = null
  #server: http.Server | null = null
  port = 0

  /** The API key as Notify shows it: a name, the service id and the secret. */
  apiKey(name = 'beacon_test') {
    return `${name}-${this.serviceId}-${this.secret}`
  }

  url() {
    return `http://127.0.0.1:${this.port}`
  }

  async start() {
    this.#server = http.createServer((request, response) => {
      let body = ''
      request.on('data', (chunk) => (body += chunk))
      request.on('end', () => this.#answer(request, body, response))
    })
    await new Promise<void>((resolve) => this.#server!.listen(0, '127.0.0.1', resolve))
    this.port = (this.#server.address() as AddressInfo).port
    return this
  }

  async stop() {
    this.#server?.closeAllConnections()
    await new Promise<void>((resolve) => this.#server?.close(() => resolve()) ?? resolve())
  }

  #error(
    response: http.ServerResponse,
    status: number,
    error: string,
    message: string,
    headers: Record<string, string> = {}
  ) {
    response.writeHead(status, { 'Content-Type': 'application/json', ...headers })
    response.end(JSON.stringify({ status_code: status, errors: [{ error, message }] }))
  }

  /** Notify's own check: a JWT signed with the key's secret, issued by the service, not stale. */
  #validToken(header: string | undefined) {
    const token = /^Bearer (.+)$/.exec(header ?? '')?.[1]
    if (!token) return false
    const [head, payload, signature] = token.split('.')
    if (!head || !payload || !signature) return false
    const expected = createHmac('sha256', this.secret)
      .update(`${head}.${payload}`)
      .digest('base64url')
    if (expected.length !== signature.length) return false
    if (!timingSafeEqual(Buffer.from(expected), Buffer.from(signature))) return false
    try {
      const heading = JSON.parse(Buffer.from(head, 'base64url').toString())
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString())
      return (
        heading.alg === 'HS256' &&
        claims.iss === this.serviceId &&
        Math.abs(Date.now() / 1000 - Number(claims.iat)) <= 30
      )
    } catch {
      return false
    }
  }

  #answer(request: http.IncomingMessage, body: string, response: http.ServerResponse) {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname
    if (!this.#validToken(request.headers.authorization)) {
      this.refusedTokens++
      return this.#error(response, 403, 'AuthError', 'Invalid token: API key not found')
    }
    if (request.method === 'GET' && path.startsWith('/v2/template/')) {
      const id = path.slice('/v2/template/'.length)
      if (id !== this.templateId) {
        return this.#error(response, 404, 'NoResultFound', 'No result found')
      }
      response.writeHead(200, { 'Content-Type': 'application/json' })
      return response.end(
        JSON.stringify({
          id,
          type: 'sms',
          name: 'Alert',
          version: 1,
          body: this.templateBody,
          subject: null,
        })
      )
    }
    if (request.method !== 'POST' || path !== '/v2/notifications/sms') {
      return this.#error(response, 404, 'NotFound', 'Not found')
    }
    const queued = this.answers.shift()
    if (queued && queued.status >= 300) {
      return this.#error(
        response,
        queued.status,
        queued.error ?? 'Exception',
        queued.message ?? 'Internal server error',
        queued.retryAfter ? { 'Retry-After': queued.retryAfter } : {}
      )
    }
    let data: Record<string, any>
    try {
      data = JSON.parse(body)
    } catch {
      return this.#error(response, 400, 'BadRequestError', 'Invalid JSON')
    }
    if (data.template_id !== this.templateId) {
      return this.#error(response, 400, 'BadRequestError', 'Template not found')
    }
    const digits = String(data.phone_number ?? '').replace(/[^\d+]/g, '')
    if (!/^(\+44|0)7\d{9}$/.test(digits)) {
      return this.#error(response, 400, 'ValidationError', 'phone_number Not a UK mobile number')
    }
    if (!this.gate) return this.#accept(data, response)
    void this.gate
      .pass(() => request.socket.destroyed)
      .then((accepted) => accepted && this.#accept(data, response))
  }

  #accept(data: Record<string, any>, response: http.ServerResponse) {
    const id = randomUUID()
    this.sent.push({
      id,
      phoneNumber: data.phone_number,
      templateId: data.template_id,
      personalisation: data.personalisation ?? {},
      reference: data.reference ?? null,
      smsSenderId: data.sms_sender_id ?? null,
    })
    response.writeHead(201, { 'Content-Type': 'application/json' })
    response.end(
      JSON.stringify({
        id,
        reference: data.reference ?? null,
        content: { body: data.personalisation?.body ?? '', from_number: 'GOVUK' },
        uri: `${this.url()}/v2/notifications/${id}`,
        template: {
          id: this.templateId,
          version: 1,
          uri: `${this.url()}/v2/template/${this.templateId}`,
        },
      })
    )
  }

  /** Notify's delivery-status callback body for a notification. */
  static receipt(id: string, reference: string | null, to: string, status: string) {
    const now = new Date().toISOString()
    return {
      id,
      reference,
      to,
      status,
      created_at: now,
      completed_at: now,
      sent_at: now,
      notification_type: 'sms',
    }
  }

  /** Notify's received-text callback body. */
  static inbound(sourceNumber: string, message: string) {
    return {
      id: randomUUID(),
      source_number: sourceNumber,
      destination_number: '07700900000',
      message,
      date_received: new Date().toISOString(),
    }
  }
}
