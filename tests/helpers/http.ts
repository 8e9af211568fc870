import env from '#start/env'

export interface PageResponse {
  status: number
  url: string
  text: string
  /** The last response's headers (after any redirects). */
  headers: Headers
}

/**
 * Talks to the test server as a browser without JavaScript does: it keeps
 * the cookies the server sets, sends forms with their CSRF token and follows
 * redirects, so a test reads the page (and the error messages) a user sees.
 */
export class BrowserLikeSession {
  #cookies = new Map<string, string>()
  #csrfToken: string | undefined
  #lastPath = '/'
  readonly baseUrl: string
  readonly #headers: Record<string, string>

  /** Another server than the test server, or headers on every request (e.g. X-Forwarded-For). */
  constructor(options: { baseUrl?: string; headers?: Record<string, string> } = {}) {
    this.baseUrl = options.baseUrl ?? env.get('APP_URL')
    this.#headers = options.headers ?? {}
  }

  #remember(response: Response) {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';')
      const name = pair.slice(0, pair.indexOf('='))
      // As a browser does: a cookie over 4,096 bytes is dropped without a word.
      if (Buffer.byteLength(pair) > 4096) continue
      if (/Max-Age=0|Max-Age=-/i.test(cookie)) this.#cookies.delete(name)
      else this.#cookies.set(name, pair)
    }
  }

  async #request(
    method: 'GET' | 'POST',
    path: string,
    body?: URLSearchParams | string,
    referer?: string,
    extraHeaders: Record<string, string> = {}
  ): Promise<PageResponse> {
    let url = new URL(path, this.baseUrl).href
    let response = await fetch(url, {
      method,
      body,
      redirect: 'manual',
      headers: {
        Cookie: [...this.#cookies.values()].join('; '),
        Accept: 'text/html',
        ...this.#headers,
        ...(referer ? { Referer: new URL(referer, this.baseUrl).href } : {}),
        ...extraHeaders,
      },
    })
    this.#remember(response)
    for (let hops = 0; response.status >= 300 && response.status < 400 && hops < 5; hops++) {
      url = new URL(response.headers.get('location')!, url).href
      response = await fetch(url, {
        redirect: 'manual',
        headers: {
          Cookie: [...this.#cookies.values()].join('; '),
          Accept: 'text/html',
          ...this.#headers,
        },
      })
      this.#remember(response)
    }
    const text = await response.text()
    this.#csrfToken = text.match(/name='_csrf' value='([^']+)'/)?.[1] ?? this.#csrfToken
    this.#lastPath = new URL(url).pathname
    return { status: response.status, url, text, headers: response.headers }
  }

  /** Another browser holding copies of this one's cookies, as someone who copied them would. */
  copy() {
    const copy = new BrowserLikeSession()
    for (const [name, cookie] of this.#cookies) copy.#cookies.set(name, cookie)
    return copy
  }

  /** Extra headers go on the first request only, as a page's script would send them. */
  get(path: string, headers: Record<string, string> = {}) {
    return this.#request('GET', path, undefined, undefined, headers)
  }

  /** Posts fields as the form on the last page would, with that page's CSRF token. */
  post(path: string, fields: Record<string, unknown> = {}) {
    return this.#request('POST', path, this.#formBody(fields, true), this.#lastPath)
  }

  #formBody(fields: Record<string, unknown>, withToken: boolean) {
    const body = new URLSearchParams()
    for (const [name, value] of Object.entries(fields)) {
      for (const item of [value].flat()) body.append(name, String(item))
    }
    if (withToken && this.#csrfToken) body.append('_csrf', this.#csrfToken)
    return body
  }

  /**
   * Posts JSON as a page's script would: the last page's CSRF token in the
   * X-CSRF-Token header (added with plugins/web-push).
   */
  postJson(path: string, data: unknown, headers: Record<string, string> = {}) {
    return this.#request('POST', path, JSON.stringify(data), this.#lastPath, {
      'Content-Type': 'application/json',
      'Accept': 'application/json',
      ...(this.#csrfToken ? { 'X-CSRF-Token': this.#csrfToken } : {}),
      ...headers,
    })
  }

  /** Opens the form page, then posts the fields with its CSRF token (unless told not to). */
  async submit(
    formPath: string,
    fields: Record<string, unknown>,
    options: { action?: string; csrf?: boolean } = {}
  ) {
    await this.get(formPath)
    return this.#request(
      'POST',
      options.action ?? formPath,
      this.#formBody(fields, options.csrf !== false),
      formPath
    )
  }
}
