import env from '#start/env'
import type { PageResponse } from '#tests/helpers/http'

export interface UploadedFile {
  name: string
  content: string | Buffer
  type?: string
}

/**
 * Talks to the test server as BrowserLikeSession does (cookies kept, the
 * page's CSRF token sent, redirects followed), and can also send a form with
 * a file in it as multipart/form-data, as a browser does.
 */
export class UploadingSession {
  #cookies = new Map<string, string>()
  #csrfToken: string | undefined
  #lastPath = '/'
  readonly baseUrl = env.get('APP_URL')

  #remember(response: Response) {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';')
      const name = pair.slice(0, pair.indexOf('='))
      if (/Max-Age=0|Max-Age=-/i.test(cookie)) this.#cookies.delete(name)
      else this.#cookies.set(name, pair)
    }
  }

  async #request(
    method: 'GET' | 'POST',
    path: string,
    body?: URLSearchParams | FormData,
    referer?: string
  ): Promise<PageResponse & { headers: Headers; bytes: Buffer }> {
    let url = new URL(path, this.baseUrl).href
    let response = await fetch(url, {
      method,
      body,
      redirect: 'manual',
      headers: {
        Cookie: [...this.#cookies.values()].join('; '),
        Accept: 'text/html',
        ...(referer ? { Referer: new URL(referer, this.baseUrl).href } : {}),
      },
    })
    this.#remember(response)
    for (let hops = 0; response.status >= 300 && response.status < 400 && hops < 5; hops++) {
      url = new URL(response.headers.get('location')!, url).href
      response = await fetch(url, {
        redirect: 'manual',
        headers: { Cookie: [...this.#cookies.values()].join('; '), Accept: 'text/html' },
      })
      this.#remember(response)
    }
    const bytes = Buffer.from(await response.arrayBuffer())
    const text = new TextDecoder().decode(bytes)
    this.#csrfToken = text.match(/name='_csrf' value='([^']+)'/)?.[1] ?? this.#csrfToken
    if ((response.headers.get('content-type') ?? '').includes('text/html')) {
      this.#lastPath = new URL(url).pathname
    }
    return { status: response.status, url, text, headers: response.headers, bytes }
  }

  get(path: string) {
    return this.#request('GET', path)
  }

  /** Posts fields as the form on the last page would, with that page's CSRF token. */
  post(path: string, fields: Record<string, unknown> = {}) {
    const body = new URLSearchParams()
    for (const [name, value] of Object.entries(fields)) {
      for (const item of [value].flat()) body.append(name, String(item))
    }
    if (this.#csrfToken) body.append('_csrf', this.#csrfToken)
    return this.#request('POST', path, body, this.#lastPath)
  }

  /** Opens the form page, then posts the fields with its CSRF token. */
  async submit(
    formPath: string,
    fields: Record<string, unknown>,
    options: { action?: string } = {}
  ) {
    await this.get(formPath)
    return this.post(options.action ?? formPath, fields)
  }

  /** Opens the form page, then sends the file (and any fields) as multipart/form-data. */
  async upload(
    formPath: string,
    field: string,
    file: UploadedFile | null,
    options: { action?: string; csrf?: boolean } = {}
  ) {
    await this.get(formPath)
    const body = new FormData()
    if (options.csrf !== false && this.#csrfToken) body.append('_csrf', this.#csrfToken)
    if (file) {
      body.append(field, new Blob([file.content], { type: file.type ?? 'text/csv' }), file.name)
    }
    return this.#request('POST', options.action ?? formPath, body, formPath)
  }

  /** Posts fields and files (several to a field, as `multiple` sends) as multipart/form-data, as the form on the last page would. */
  postMultipart(
    path: string,
    fields: Record<string, string>,
    files: Record<string, UploadedFile | UploadedFile[]>
  ) {
    const body = new FormData()
    if (this.#csrfToken) body.append('_csrf', this.#csrfToken)
    for (const [name, value] of Object.entries(fields)) body.append(name, value)
    for (const [name, sent] of Object.entries(files)) {
      for (const file of [sent].flat()) {
        body.append(name, new Blob([file.content], { type: file.type ?? 'text/csv' }), file.name)
      }
    }
    return this.#request('POST', path, body, this.#lastPath)
  }
}
