import http from 'node:http'
import { createHmac } from 'node:crypto'
import type { AddressInfo } from 'node:net'

export interface ApiRequest {
  method: string
  path: string
  headers: http.IncomingHttpHeaders
  body: string
}

/** An answer the test queues: a status, a JSON body and headers. */
export interface QueuedAnswer {
  status: number
  json: unknown
  headers?: Record<string, string>
}

/** A local HTTP server that records each request and lets a subclass answer it. */
abstract class FakeApi {
  requests: ApiRequest[] = []
  /** Answers given before the fake's own, one per request, in order. */
  queued: QueuedAnswer[] = []
  #server = http.createServer((request, response) => {
    let body = ''
    request.setEncoding('utf8')
    request.on('data', (chunk: string) => (body += chunk))
    request.on('end', () => {
      const received = {
        method: request.method ?? '',
        path: request.url ?? '',
        headers: request.headers,
        body,
      }
      this.requests.push(received)
      const answer = this.queued.shift() ?? this.answer(received)
      response.writeHead(answer.status, { 'Content-Type': 'application/json', ...answer.headers })
      response.end(JSON.stringify(answer.json))
    })
  })

  protected abstract answer(request: ApiRequest): QueuedAnswer

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

/**
 * The Graph API for one Page: GET /v21.0/{page-id} and POST
 * /v21.0/{page-id}/feed, answering as Facebook does, with its error shape
 * ({ error: { message, type, code, fbtrace_id } }) for a wrong token.
 */
export class FakeGraphApi extends FakeApi {
  posts: { message: string; link: string }[] = []

  constructor(
    public pageId = '104712345678901',
    public token = 'EAAGood-page-token-0123456789',
    public pageName = 'Beacon County Alerts'
  ) {
    super()
  }

  get baseUrl() {
    return `${this.origin}/v21.0`
  }

  protected answer(request: ApiRequest): QueuedAnswer {
    const url = new URL(request.path, this.origin)
    const form = new URLSearchParams(request.body)
    const token =
      (request.headers.authorization ?? '').replace(/^Bearer /, '') || form.get('access_token')
    if (token !== this.token) {
      return {
        status: 400,
        json: {
          error: {
            message: 'Invalid OAuth access token - Cannot parse access token',
            type: 'OAuthException',
            code: 190,
            fbtrace_id: 'AbCdEfGh123',
          },
        },
      }
    }
    if (request.method === 'GET' && url.pathname === `/v21.0/${this.pageId}`) {
      return { status: 200, json: { id: this.pageId, name: this.pageName } }
    }
    if (request.method === 'POST' && url.pathname === `/v21.0/${this.pageId}/feed`) {
      this.posts.push({ message: form.get('message') ?? '', link: form.get('link') ?? '' })
      return { status: 200, json: { id: `${this.pageId}_${9000 + this.posts.length}` } }
    }
    return {
      status: 400,
      json: {
        error: {
          message: `Unsupported ${request.method} request. Object with ID '${url.pathname.split('/')[2]}' does not exist`,
          type: 'GraphMethodException',
          code: 100,
          error_subcode: 33,
          fbtrace_id: 'AbCdEfGh456',
        },
      },
    }
  }
}

export interface XKeys {
  x_api_key: string
  x_api_secret: string
  x_access_token: string
  x_access_token_secret: string
}

const encode = (value: string) =>
  encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`
  )

/**
 * X API v2 for one account: POST /2/tweets and GET /2/users/me, checking the
 * OAuth 1.0a signature as X does (written here apart from the plugin's own
 * signing), with X's error shape ({ title, detail, type, status }).
 */
export class FakeXApi extends FakeApi {
  tweets: string[] = []

  constructor(
    public keys: XKeys = {
      x_api_key: 'xvKey0123456789abcdef',
      x_api_secret: 'xvSecret0123456789abcdef0123456789',
      x_access_token: '1234567890-AccessToken0123456789',
      x_access_token_secret: 'AccessSecret0123456789abcdef012345',
    },
    public username = 'beaconcounty'
  ) {
    super()
  }

  #signedCorrectly(request: ApiRequest) {
    const header = request.headers.authorization ?? ''
    if (!header.startsWith('OAuth ')) return false
    const oauth = Object.fromEntries(
      [...header.slice(6).matchAll(/([\w]+)="([^"]*)"/g)].map(([, name, value]) => [
        name,
        decodeURIComponent(value),
      ])
    )
    if (oauth.oauth_consumer_key !== this.keys.x_api_key) return false
    if (oauth.oauth_token !== this.keys.x_access_token) return false
    const url = new URL(request.path, this.origin)
    const parameters = Object.entries(oauth)
      .filter(([name]) => name !== 'oauth_signature')
      .concat([...url.searchParams.entries()])
      .map(([name, value]) => `${encode(name)}=${encode(value)}`)
      .sort()
      .join('&')
    const base = `${request.method}&${encode(this.origin + url.pathname)}&${encode(parameters)}`
    const key = `${encode(this.keys.x_api_secret)}&${encode(this.keys.x_access_token_secret)}`
    return createHmac('sha1', key).update(base).digest('base64') === oauth.oauth_signature
  }

  protected answer(request: ApiRequest): QueuedAnswer {
    if (!this.#signedCorrectly(request)) {
      return {
        status: 401,
        json: { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' },
      }
    }
    const path = new URL(request.path, this.origin).pathname
    if (request.method === 'GET' && path === '/2/users/me') {
      return {
        status: 200,
        json: { data: { id: '2244994945', name: 'Beacon County', username: this.username } },
      }
    }
    if (request.method === 'POST' && path === '/2/tweets') {
      const { text } = JSON.parse(request.body)
      this.tweets.push(text)
      return {
        status: 201,
        json: { data: { id: String(1445880548472328192n + BigInt(this.tweets.length)), text } },
      }
    }
    return {
      status: 404,
      json: {
        title: 'Not Found Error',
        type: 'https://api.twitter.com/2/problems/resource-not-found',
        status: 404,
        detail: 'Not found',
      },
    }
  }
}

/** X's answer to a duplicate post. */
export const X_DUPLICATE: QueuedAnswer = {
  status: 403,
  json: {
    detail: 'You are not allowed to create a Tweet with duplicate content.',
    type: 'about:blank',
    title: 'Forbidden',
    status: 403,
  },
}

/** X's rate limit, ending now (so the ledger tries again at once). */
export function xRateLimited(): QueuedAnswer {
  return {
    status: 429,
    json: {
      title: 'Too Many Requests',
      detail: 'Too Many Requests',
      type: 'about:blank',
      status: 429,
    },
    headers: { 'x-rate-limit-reset': String(Math.floor(Date.now() / 1000)) },
  }
}

/** The Graph API's temporary error, as a proxy before it says when to come back (now). */
export const GRAPH_TEMPORARY: QueuedAnswer = {
  status: 500,
  json: {
    error: {
      message: 'An unexpected error has occurred. Please retry your request later.',
      type: 'OAuthException',
      is_transient: true,
      code: 2,
      fbtrace_id: 'AbCdEfGh789',
    },
  },
  headers: { 'Retry-After': '0' },
}

/** The Graph API's answer to a Page token that expired. */
export const GRAPH_EXPIRED: QueuedAnswer = {
  status: 400,
  json: {
    error: {
      message:
        'Error validating access token: Session has expired on Monday, 07-Dec-26 02:00:00 PST.',
      type: 'OAuthException',
      code: 190,
      error_subcode: 463,
      fbtrace_id: 'AbCdEfGh790',
    },
  },
}
