import http from 'node:http'
import type { AddressInfo } from 'node:net'

export interface FakeMember {
  id: string
  name: string
  email: string
  postcode?: string | null
  consent: boolean
}

export interface FakeScheme {
  id: string
  name: string
  area_code?: string | null
  postcode?: string | null
  coordinator?: { id: string; name: string; email: string } | null
  members: FakeMember[]
}

/**
 * The national register's schemes feed on a local port, as README.md
 * describes it: GET /schemes?page=N with "Authorization: Bearer <token>",
 * answering { schemes, page, total_pages, next_page }, 401 for any other
 * token. `hangOnPage` makes it stop answering at that page (a register that
 * times out halfway), until the test clears it.
 */
export class FakeRegister {
  readonly token = 'nw-register-token-0123456789'
  schemes: FakeScheme[] = []
  perPage = 2
  hangOnPage: number | null = null
  requests: { path: string; authorization: string | undefined }[] = []
  #server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://register.test')
    this.requests.push({
      path: url.pathname + url.search,
      authorization: request.headers.authorization,
    })
    if (request.headers.authorization !== `Bearer ${this.token}`) {
      response.writeHead(401, { 'Content-Type': 'application/json' })
      return response.end(JSON.stringify({ error: 'invalid_token' }))
    }
    if (url.pathname !== '/api/schemes') {
      response.writeHead(404)
      return response.end()
    }
    const page = Number(url.searchParams.get('page') ?? 1)
    if (this.hangOnPage === page) return // never answers: the client's time limit ends it
    const totalPages = Math.max(1, Math.ceil(this.schemes.length / this.perPage))
    response.writeHead(200, { 'Content-Type': 'application/json' })
    response.end(
      JSON.stringify({
        schemes: this.schemes.slice((page - 1) * this.perPage, page * this.perPage),
        page,
        total_pages: totalPages,
        next_page: page < totalPages ? page + 1 : null,
      })
    )
  })

  async start() {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve))
    return this
  }

  /** The address staff type in the settings. */
  url() {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/api`
  }

  async stop() {
    this.#server.closeAllConnections()
    await new Promise<void>((resolve) => this.#server.close(() => resolve()))
  }
}
