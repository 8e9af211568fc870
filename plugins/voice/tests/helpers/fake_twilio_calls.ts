import http from 'node:http'
import { randomBytes } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import twilio from 'twilio'
import type { AcceptGate } from '#tests/helpers/accept_gate'

/**
 * A local Twilio, as far as the voice plugin uses it: the REST API's
 * accounts, incoming numbers and Calls.json (form-encoded POST, HTTP basic
 * auth with the account SID and auth token, JSON answers and Twilio's error
 * bodies), and then the call itself as Twilio places it: it fetches the
 * TwiML from the plugin's address, presses keys, and posts the status
 * callback, each request signed with X-Twilio-Signature.
 */

export const ACCOUNT_SID = 'AC' + '0123456789abcdef'.repeat(2)
export const AUTH_TOKEN = 'f'.repeat(8) + '0123456789abcdef' + 'e'.repeat(8)
export const FROM_NUMBER = '+441632960000'

export interface PlacedCall {
  sid: string
  params: Record<string, string | string[]>
  /** The TwiML the plugin answered with, once the call was answered. */
  twiml?: string
}

export interface ErrorAnswer {
  status: number
  code: number
  message: string
}

/** What happens to a call once placed, when `autoAnswer` is on. */
export type CallFate = { answeredBy?: string; status: string }

const CALLS_PATH = /^\/2010-04-01\/Accounts\/([^/]+)\/Calls\.json$/
const ACCOUNT_PATH = /^\/2010-04-01\/Accounts\/([^/]+)\.json$/
const NUMBERS_PATH = /^\/2010-04-01\/Accounts\/([^/]+)\/IncomingPhoneNumbers\.json$/

function formOf(body: string) {
  const params: Record<string, string | string[]> = {}
  for (const [key, value] of new URLSearchParams(body)) {
    const existing = params[key]
    if (existing === undefined) params[key] = value
    else params[key] = Array.isArray(existing) ? [...existing, value] : [existing, value]
  }
  return params
}

function twilioError(response: http.ServerResponse, error: ErrorAnswer) {
  response.writeHead(error.status, { 'Content-Type': 'application/json' })
  response.end(
    JSON.stringify({
      code: error.code,
      message: error.message,
      more_info: `https://www.twilio.com/docs/errors/${error.code}`,
      status: error.status,
    })
  )
}

export class FakeTwilioCalls {
  calls: PlacedCall[] = []
  /** Answers for the next Calls.json requests, before any call is accepted. */
  refusals: ErrorAnswer[] = []
  /** Place, answer and end each call by itself (as in the browser test), in this order of fates. */
  autoAnswer: CallFate[] | null = null
  numbers = [FROM_NUMBER]
  /** Every request, for checking what the client sent. */
  requests: { method: string; path: string; authorization?: string; body: string }[] = []
  /** A test's gate (see AcceptGate): every call passes it before it is placed. */
  gate: AcceptGate | null = null
  #server = http.createServer((request, response) => this.#serve(request, response))
  #pending: Promise<unknown>[] = []

  constructor(private account = { sid: ACCOUNT_SID, token: AUTH_TOKEN, status: 'active' }) {}

  async start() {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve))
    return this
  }

  url() {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`
  }

  async stop() {
    await Promise.allSettled(this.#pending)
    await new Promise<void>((resolve) => this.#server.close(() => resolve()))
  }

  #authorised(request: http.IncomingMessage) {
    const expected = Buffer.from(`${this.account.sid}:${this.account.token}`).toString('base64')
    return request.headers.authorization === `Basic ${expected}`
  }

  #serve(request: http.IncomingMessage, response: http.ServerResponse) {
    let body = ''
    request.on('data', (chunk) => (body += chunk))
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://fake')
      this.requests.push({
        method: request.method ?? '',
        path: url.pathname,
        authorization: request.headers.authorization,
        body,
      })
      if (!this.#authorised(request)) {
        return twilioError(response, { status: 401, code: 20003, message: 'Authenticate' })
      }
      const account = ACCOUNT_PATH.exec(url.pathname)
      if (request.method === 'GET' && account) return this.#account(response, account[1])
      const numbers = NUMBERS_PATH.exec(url.pathname)
      if (request.method === 'GET' && numbers) return this.#numbers(response, url)
      const calls = CALLS_PATH.exec(url.pathname)
      if (request.method === 'POST' && calls) {
        return this.#createCall(response, formOf(body), () => request.socket.destroyed)
      }
      twilioError(response, {
        status: 404,
        code: 20404,
        message: `The requested resource ${url.pathname} was not found`,
      })
    })
  }

  #account(response: http.ServerResponse, sid: string) {
    if (sid !== this.account.sid) {
      return twilioError(response, { status: 404, code: 20404, message: 'Not found' })
    }
    response.writeHead(200, { 'Content-Type': 'application/json' })
    response.end(
      JSON.stringify({
        sid,
        friendly_name: 'Test account',
        status: this.account.status,
        type: 'Full',
        date_created: new Date().toUTCString(),
        uri: `/2010-04-01/Accounts/${sid}.json`,
      })
    )
  }

  #numbers(response: http.ServerResponse, url: URL) {
    const wanted = url.searchParams.get('PhoneNumber')
    const matching = this.numbers.filter((number) => !wanted || number === wanted)
    const uri = `/2010-04-01/Accounts/${this.account.sid}/IncomingPhoneNumbers.json`
    response.writeHead(200, { 'Content-Type': 'application/json' })
    response.end(
      JSON.stringify({
        incoming_phone_numbers: matching.map((number) => ({
          sid: 'PN' + randomBytes(16).toString('hex'),
          account_sid: this.account.sid,
          phone_number: number,
          capabilities: { voice: true, sms: true, mms: false, fax: false },
        })),
        end: Math.max(matching.length - 1, 0),
        first_page_uri: `${uri}?PageSize=1&Page=0`,
        next_page_uri: null,
        page: 0,
        page_size: 1,
        previous_page_uri: null,
        start: 0,
        uri,
      })
    )
  }

  #createCall(
    response: http.ServerResponse,
    params: Record<string, string | string[]>,
    callerGone: () => boolean
  ) {
    const refusal = this.refusals.shift()
    if (refusal) return twilioError(response, refusal)
    const to = String(params.To ?? '')
    if (!/^\+[1-9]\d{6,14}$/.test(to)) {
      return twilioError(response, {
        status: 400,
        code: 21211,
        message: `Invalid 'To' Phone Number: ${to}`,
      })
    }
    if (!params.Url) {
      return twilioError(response, {
        status: 400,
        code: 21205,
        message: 'Url parameter is required.',
      })
    }
    if (!this.gate) return this.#place(response, params, to)
    void this.gate
      .pass(callerGone)
      .then((accepted) => accepted && this.#place(response, params, to))
  }

  #place(response: http.ServerResponse, params: Record<string, string | string[]>, to: string) {
    const call: PlacedCall = { sid: 'CA' + randomBytes(16).toString('hex'), params }
    this.calls.push(call)
    response.writeHead(201, { 'Content-Type': 'application/json' })
    response.end(
      JSON.stringify({
        sid: call.sid,
        account_sid: this.account.sid,
        to,
        from: params.From,
        status: 'queued',
        direction: 'outbound-api',
        api_version: '2010-04-01',
        date_created: new Date().toUTCString(),
        uri: `/2010-04-01/Accounts/${this.account.sid}/Calls/${call.sid}.json`,
      })
    )
    const fate = this.autoAnswer?.shift()
    if (fate) this.#pending.push(this.#playOut(call, fate).catch(() => {}))
  }

  async #playOut(call: PlacedCall, fate: CallFate) {
    if (fate.status === 'completed') await this.answer(call, fate.answeredBy)
    await this.report(call, fate.status)
  }

  #base(call: PlacedCall) {
    return {
      AccountSid: this.account.sid,
      ApiVersion: '2010-04-01',
      CallSid: call.sid,
      Direction: 'outbound-api',
      From: String(call.params.From),
      To: String(call.params.To),
    }
  }

  /** Posts a form to the plugin as Twilio does: signed with the auth token over the URL and fields. */
  async post(url: string, params: Record<string, string>, token = this.account.token) {
    const signature = twilio.getExpectedTwilioSignature(token, url, params)
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        'X-Twilio-Signature': signature,
        'User-Agent': 'TwilioProxy/1.1',
      },
      body: new URLSearchParams(params).toString(),
    })
    return { status: response.status, text: await response.text() }
  }

  /** The call is answered (by a person, or a machine after its beep): Twilio fetches the TwiML. */
  async answer(call: PlacedCall, answeredBy = 'human') {
    const answer = await this.post(String(call.params.Url), {
      ...this.#base(call),
      CallStatus: 'in-progress',
      AnsweredBy: answeredBy,
    })
    call.twiml = answer.text
    return answer
  }

  /** A key pressed during the <Gather>: Twilio posts Digits to its action. */
  async press(call: PlacedCall, digits: string) {
    const action = /<Gather[^>]*action="([^"]+)"/.exec(call.twiml ?? '')?.[1]
    if (!action) throw new Error('The TwiML has no <Gather> to press a key in')
    return this.post(action.replaceAll('&amp;', '&'), {
      ...this.#base(call),
      CallStatus: 'in-progress',
      Digits: digits,
    })
  }

  /** The call ended: Twilio posts its final status to the StatusCallback. */
  async report(call: PlacedCall, status: string, extra: Record<string, string> = {}) {
    return this.post(String(call.params.StatusCallback), {
      ...this.#base(call),
      CallStatus: status,
      CallDuration: status === 'completed' ? '42' : '0',
      ...extra,
    })
  }
}
