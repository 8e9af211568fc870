import type { TargetOutcome } from '#contracts/organisation_channel'

export interface ApiAnswer {
  status: number
  headers: Headers
  /** The parsed JSON body, or null when it was not JSON. */
  json: any
}

/** One request with a time limit; a network failure or timeout becomes a thrown Error in plain words. */
export async function request(
  url: string,
  init: RequestInit & { timeoutMs?: number },
  service: string
): Promise<ApiAnswer> {
  let response: Response
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(init.timeoutMs ?? 15_000) })
  } catch (error) {
    const timedOut = error instanceof Error && error.name === 'TimeoutError'
    throw new Error(
      timedOut ? `${service} did not answer in time` : `${service} could not be reached`
    )
  }
  const text = await response.text()
  let json: any = null
  try {
    json = JSON.parse(text)
  } catch {}
  return { status: response.status, headers: response.headers, json }
}

/** A provider's own words, short, on one line: never a token (neither API repeats one). */
export function quoted(text: unknown) {
  const clean = String(text ?? '')
    .replace(/\s+/g, ' ')
    .trim()
  return clean.length > 200 ? `${clean.slice(0, 199)}…` : clean
}

/** A busy or broken service is tried again later, by the core's ledger. */
export function retryLater(reason: string, retryAfterSeconds?: number): TargetOutcome {
  return retryAfterSeconds === undefined
    ? { status: 'retry', reason }
    : { status: 'retry', reason, retryAfterSeconds }
}
