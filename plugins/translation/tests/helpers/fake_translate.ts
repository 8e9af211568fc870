import http from 'node:http'
import type { AddressInfo } from 'node:net'

export interface TranslateRequest {
  method: string
  path: string
  key: string | null
  /** The texts of a translate call, the target and the format; empty for a languages call. */
  q: string[]
  target: string | null
  format: string | null
}

/** How the fake marks text it "translated", per language (Urdu in its own script). */
export const MARKS: Record<string, string> = { pl: 'PL', ro: 'RO', ur: 'اردو', cy: 'CY' }

export const FAKE_LANGUAGES = [
  { language: 'en', name: 'English' },
  { language: 'pl', name: 'Polish' },
  { language: 'ro', name: 'Romanian' },
  { language: 'ur', name: 'Urdu' },
  { language: 'cy', name: 'Welsh' },
  // Listed, but refused as a target (no mark): Google's 400 "Invalid Value".
  { language: 'de', name: 'German' },
  { language: 'iw', name: 'Hebrew' },
  { language: 'he', name: 'Hebrew' },
]

/**
 * The Cloud Translation API (v2 REST) as the official client calls it with
 * an API key: POST /language/translate/v2 and GET
 * /language/translate/v2/languages, with Google's JSON and error shape. It
 * "translates" by putting the language's mark before each piece of text
 * between tags, so a test sees that the tags survived.
 */
export class FakeTranslateApi {
  requests: TranslateRequest[] = []
  /** Languages the fake answers 500 for, every time. */
  failing = new Set<string>()
  /** Answers with HTTP status 503 to this many calls first. */
  unavailable = 0

  #server = http.createServer((request, response) => {
    let body = ''
    request.setEncoding('utf8')
    request.on('data', (chunk: string) => (body += chunk))
    request.on('end', () => {
      const url = new URL(request.url ?? '/', this.origin)
      const json = body ? (JSON.parse(body) as Record<string, unknown>) : {}
      const q = Array.isArray(json.q) ? json.q.map(String) : json.q ? [String(json.q)] : []
      const received: TranslateRequest = {
        method: request.method ?? '',
        path: url.pathname,
        key: url.searchParams.get('key'),
        q,
        target: typeof json.target === 'string' ? json.target : null,
        format: typeof json.format === 'string' ? json.format : null,
      }
      this.requests.push(received)
      const [status, answer] = this.#answer(received, url)
      response.writeHead(status, { 'Content-Type': 'application/json; charset=UTF-8' })
      response.end(JSON.stringify(answer))
    })
  })

  constructor(public key = 'AIzaSyTest-key-0123456789abcdef') {}

  #error(code: number, message: string, reason: string): [number, unknown] {
    return [code, { error: { code, message, errors: [{ message, domain: 'global', reason }] } }]
  }

  #answer(request: TranslateRequest, url: URL): [number, unknown] {
    if (request.key !== this.key) {
      return this.#error(400, 'API key not valid. Please pass a valid API key.', 'badRequest')
    }
    if (request.method === 'GET' && url.pathname === '/language/translate/v2/languages') {
      return [200, { data: { languages: FAKE_LANGUAGES } }]
    }
    if (request.method !== 'POST' || url.pathname !== '/language/translate/v2') {
      return this.#error(404, 'Not found', 'notFound')
    }
    if (this.unavailable > 0) {
      this.unavailable -= 1
      return this.#error(503, 'The service is currently unavailable.', 'backendError')
    }
    const target = request.target ?? ''
    if (this.failing.has(target)) return this.#error(500, 'Internal error.', 'backendError')
    const mark = MARKS[target]
    if (!mark) return this.#error(400, 'Invalid Value', 'invalid')
    return [
      200,
      {
        data: {
          translations: request.q.map((text) => ({
            translatedText: text.replace(/(^|>)([^<]+)/g, (_all, start: string, words: string) =>
              words.trim() ? `${start}${mark} ${words}` : `${start}${words}`
            ),
          })),
        },
      },
    ]
  }

  /** The translate calls (not the languages list). */
  get translateCalls() {
    return this.requests.filter((request) => request.method === 'POST')
  }

  async start() {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve))
    return this
  }

  get origin() {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`
  }

  async stop() {
    this.#server.closeAllConnections()
    await new Promise<void>((resolve) => this.#server.close(() => resolve()))
  }
}
