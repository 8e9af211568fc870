import { schemesFromJson, type RegisterBatch } from './register_data.js'

export interface RegisterPage extends RegisterBatch {
  page: number
  /** The next page to ask for, or null after the last. */
  nextPage: number | null
  totalPages: number | null
}

/** Why the register could not be read, in words staff can act on. */
export class RegisterError extends Error {}

/**
 * Reads the register's schemes feed page by page (README.md, "The register's
 * feed"): GET <address>/schemes?page=N with the token as a bearer token.
 * Each page has a time limit, so a register that stops answering halfway
 * ends the sync with what was applied so far.
 */
export class RegisterClient {
  constructor(
    private address: string,
    private token: string,
    private timeoutSeconds: number
  ) {}

  async page(page: number): Promise<RegisterPage> {
    const url = new URL(`${this.address.replace(/\/+$/, '')}/schemes`)
    url.searchParams.set('page', String(page))
    let response: Response
    let body: unknown
    try {
      response = await fetch(url, {
        headers: { Authorization: `Bearer ${this.token}`, Accept: 'application/json' },
        signal: AbortSignal.timeout(this.timeoutSeconds * 1000),
        redirect: 'error',
      })
      body = response.ok ? await response.json() : null
    } catch (error) {
      const name = (error as Error).name
      if (name === 'TimeoutError' || name === 'AbortError') {
        throw new RegisterError(
          `The register did not answer within ${this.timeoutSeconds} second${this.timeoutSeconds === 1 ? '' : 's'} (page ${page}).`
        )
      }
      if (name === 'SyntaxError') {
        throw new RegisterError(
          `The register’s answer (page ${page}) was not the JSON Beacon expects.`
        )
      }
      throw new RegisterError(`The register could not be reached at ${url.host}.`)
    }
    if (response.status === 401 || response.status === 403) {
      throw new RegisterError(
        `The register refused the token (it answered ${response.status}). Check the register token in Settings → Plugins.`
      )
    }
    if (!response.ok) {
      throw new RegisterError(`The register answered ${response.status} for page ${page}.`)
    }
    const answer = (body ?? {}) as Record<string, unknown>
    if (!Array.isArray(answer.schemes)) {
      throw new RegisterError(`The register’s answer (page ${page}) has no list of schemes.`)
    }
    const next = Number(answer.next_page)
    const total = Number(answer.total_pages)
    return {
      ...schemesFromJson(answer.schemes, `on page ${page}`),
      page,
      nextPage: Number.isInteger(next) && next > page ? next : null,
      totalPages: Number.isInteger(total) && total > 0 ? total : null,
    }
  }
}
