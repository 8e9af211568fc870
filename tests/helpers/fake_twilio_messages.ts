import http from 'node:http'
import { randomBytes } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import twilio from 'twilio'

export interface TwilioMessageRequest {
  accountSid: string
  to: string
  from: string | null
  messagingServiceSid: string | null
  body: string
  statusCallback: string | null
}

/** An answer queued for the next message: an HTTP status and Twilio's error code. */
export interface QueuedTwilioAnswer {
  status: number
  code?: number
  message?: string
  retryAfter?: string
}

/**
 * A local Twilio REST API for the Messages resource, speaking its wire
 * format: form-encoded POST /2010-04-01/Accounts/{Sid}/Messages.json with
 * HTTP basic auth (account SID and auth token), JSON answers with `sid`
 * and `status`, and Twilio's error bodies ({ code, message, status }).
 * GET /2010-04-01/Accounts/{Sid}.json answers the account (Test connection).
 * The official `twilio` client is pointed at it.
 */
export class FakeTwilioMessages {
  readonly messages: (TwilioMessageRequest & { sid: string })[] = []
  readonly answers: QueuedTwilioAnswer[] = []
  refusedAuth = 0
  #server: http.Server | null = null
  port = 0

  constructor(
    readonly accountSid = `AC${randomBytes(16).toString('hex')}`,
    readonly authToken = randomBytes(16).toString('hex')
  ) {}

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

  #json(response: http.ServerResponse, status: number, value: unknown, headers = {}) {
    response.writeHead(status, { 'Content-Type': 'application/json', ...headers })
    response.end(JSON.stringify(value))
  }

  #authorised(request: http.IncomingMessage) {
    const header = request.headers.authorization ?? ''
    const expected = `Basic ${Buffer.from(`${this.accountSid}:${this.authToken}`).toString('base64')}`
    return header === expected
  }

  #answer(request: http.IncomingMessage, body: string, response: http.ServerResponse) {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname
    if (!this.#authorised(request)) {
      this.refusedAuth++
      return this.#json(response, 401, {
        code: 20003,
        message: 'Authenticate',
        more_info: 'https://www.twilio.com/docs/errors/20003',
        status: 401,
      })
    }
    if (request.method === 'GET' && path === `/2010-04-01/Accounts/${this.accountSid}.json`) {
      return this.#json(response, 200, {
        sid: this.accountSid,
        friendly_name: 'Test account',
        status: 'active',
        type: 'Full',
      })
    }
    if (
      request.method !== 'POST' ||
      path !== `/2010-04-01/Accounts/${this.accountSid}/Messages.json`
    ) {
      return this.#json(response, 404, {
        code: 20404,
        message: 'The requested resource was not found',
        status: 404,
      })
    }
    const form = new URLSearchParams(body)
    const queued = this.answers.shift()
    if (queued && queued.status >= 300) {
      return this.#json(
        response,
        queued.status,
        {
          code: queued.code ?? 20500,
          message: queued.message ?? 'Internal Server Error',
          status: queued.status,
        },
        queued.retryAfter ? { 'Retry-After': queued.retryAfter } : {}
      )
    }
    const to = form.get('To') ?? ''
    if (!/^\+[1-9]\d{6,14}$/.test(to)) {
      return this.#json(response, 400, {
        code: 21211,
        message: `Invalid 'To' Phone Number: ${to}`,
        status: 400,
      })
    }
    const sid = `SM${randomBytes(16).toString('hex')}`
    this.messages.push({
      sid,
      accountSid: this.accountSid,
      to,
      from: form.get('From'),
      messagingServiceSid: form.get('MessagingServiceSid'),
      body: form.get('Body') ?? '',
      statusCallback: form.get('StatusCallback'),
    })
    return this.#json(response, 201, {
      sid,
      account_sid: this.accountSid,
      to,
      from: form.get('From'),
      messaging_service_sid: form.get('MessagingServiceSid'),
      body: form.get('Body'),
      status: 'queued',
      num_segments: '1',
      date_created: new Date().toUTCString(),
      uri: `/2010-04-01/Accounts/${this.accountSid}/Messages/${sid}.json`,
    })
  }

  /**
   * What Twilio POSTs to a status callback or an inbound message webhook:
   * form-encoded parameters signed with X-Twilio-Signature (HMAC-SHA1 of the
   * URL and the sorted parameters, keyed with the auth token).
   */
  signedForm(url: string, params: Record<string, string>, authToken = this.authToken) {
    const signature = twilio.getExpectedTwilioSignature(authToken, url, params)
    return {
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        'X-Twilio-Signature': signature,
      },
      body: new URLSearchParams(params).toString(),
    }
  }
}
