/*
| For bench/web.ts (its SMTP sink is bench/smtp_sink.ts): an HTTP load generator
| (closed loop for the most a page serves, open loop at a fixed rate for
| latency under a given load), and a sign-up as a browser without JavaScript
| makes it. Nothing here is part of the application.
*/
import http from 'node:http'
import { performance } from 'node:perf_hooks'

export interface LoadFigures {
  requests: number
  perSecond: number
  p50: number
  p95: number
  max: number
  /** Answers by class: 2xx, 3xx (304 included), 4xx, 5xx. */
  byClass: Record<string, number>
  timeouts: number
  errors: number
}

const REQUEST_TIMEOUT_MS = 10_000

function percentile(sorted: number[], share: number) {
  if (sorted.length === 0) return 0
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)]
}

interface Answer {
  status: number
  headers: http.IncomingHttpHeaders
  body: string
}

/** One request on a keep-alive agent; rejects with "timeout" after 10 s. */
export function request(
  agent: http.Agent,
  base: URL,
  method: 'GET' | 'POST',
  path: string,
  headers: Record<string, string> = {},
  body?: string,
  readBody = true
) {
  return new Promise<Answer>((resolve, reject) => {
    const req = http.request(
      {
        agent,
        host: base.hostname,
        port: base.port,
        method,
        path,
        headers: body
          ? {
              ...headers,
              'Content-Type': 'application/x-www-form-urlencoded',
              'Content-Length': Buffer.byteLength(body),
            }
          : headers,
        timeout: REQUEST_TIMEOUT_MS,
      },
      (response) => {
        const chunks: Buffer[] = []
        response.on('data', (chunk) => readBody && chunks.push(chunk))
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString(),
          })
        )
        response.on('error', reject)
      }
    )
    req.on('timeout', () => req.destroy(new Error('timeout')))
    req.on('error', reject)
    req.end(body)
  })
}

/** A GET whose body is not kept: only the status matters to a load figure. */
async function statusOf(agent: http.Agent, base: URL, path: string) {
  const answer = await request(agent, base, 'GET', path, {}, undefined, false)
  return answer.status
}

class Recorder {
  latencies: number[] = []
  byClass: Record<string, number> = { '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0 }
  timeouts = 0
  errors = 0

  async time(run: () => Promise<number>) {
    const started = performance.now()
    try {
      const status = await run()
      this.latencies.push(performance.now() - started)
      const key = `${Math.floor(status / 100)}xx`
      this.byClass[key] = (this.byClass[key] ?? 0) + 1
    } catch (error) {
      if ((error as Error).message === 'timeout') this.timeouts++
      else this.errors++
    }
  }

  figures(elapsedMs: number): LoadFigures {
    const sorted = [...this.latencies].sort((a, b) => a - b)
    return {
      requests: sorted.length,
      perSecond: sorted.length / (elapsedMs / 1000),
      p50: percentile(sorted, 0.5),
      p95: percentile(sorted, 0.95),
      max: sorted.at(-1) ?? 0,
      byClass: this.byClass,
      timeouts: this.timeouts,
      errors: this.errors,
    }
  }
}

/** As many requests as `connections` clients get answered in `seconds`, one after another each. */
export async function closedLoop(
  base: URL,
  path: string | ((index: number) => string),
  connections: number,
  seconds: number
) {
  let sent = 0
  const next = () => (typeof path === 'string' ? path : path(sent++))
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections })
  const recorder = new Recorder()
  const until = performance.now() + seconds * 1000
  const started = performance.now()
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < until) {
        await recorder.time(() => statusOf(agent, base, next()))
      }
    })
  )
  agent.destroy()
  return recorder.figures(performance.now() - started)
}

/**
 * Requests started at a fixed rate whatever the answers take (as visitors
 * arrive), so a slow server shows as latency, not as fewer requests asked.
 */
export async function openLoop(base: URL, path: string, perSecond: number, seconds: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 })
  const recorder = new Recorder()
  const total = Math.round(perSecond * seconds)
  const started = performance.now()
  const pending: Promise<void>[] = []
  for (let index = 0; index < total; index++) {
    const due = started + (index * 1000) / perSecond
    const wait = due - performance.now()
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait))
    pending.push(recorder.time(() => statusOf(agent, base, path)))
  }
  await Promise.all(pending)
  agent.destroy()
  return recorder.figures(performance.now() - started)
}

export interface SignUpFigures extends LoadFigures {
  started: number
  completed: number
  /** Sign-ups whose every step answered, ending on "Check your email". */
  emails: string[]
  secondsEach: number[]
}

/**
 * One sign-up as a browser without JavaScript makes it: each form page is
 * fetched for its CSRF token and the session cookie, each step posted, each
 * redirect followed. Its own address (X-Forwarded-For) keeps the per-address
 * form limit out of the way, as with real residents.
 */
async function signUp(
  agent: http.Agent,
  base: URL,
  wardId: number,
  email: string,
  address: string,
  recorder: Recorder
) {
  const cookies = new Map<string, string>()
  let token = ''
  let lastPage = ''
  let failed = false
  const headers = () => ({
    'Cookie': [...cookies.values()].join('; '),
    'Accept': 'text/html',
    'X-Forwarded-For': address,
  })
  const remember = (answer: Answer) => {
    for (const cookie of ([] as string[]).concat(answer.headers['set-cookie'] ?? [])) {
      const [pair] = cookie.split(';')
      cookies.set(pair.slice(0, pair.indexOf('=')), pair)
    }
    token = answer.body.match(/name='_csrf' value='([^']+)'/)?.[1] ?? token
    lastPage = answer.body
  }
  const step = async (method: 'GET' | 'POST', path: string, fields?: Record<string, string>) => {
    let location: string | undefined
    await recorder.time(async () => {
      const body = fields ? new URLSearchParams({ ...fields, _csrf: token }).toString() : undefined
      const answer = await request(agent, base, method, path, headers(), body)
      remember(answer)
      if (answer.status >= 400) failed = true
      location =
        answer.status >= 300 && answer.status < 400
          ? (answer.headers.location as string)
          : undefined
      return answer.status
    })
    return location
  }
  const follow = async (method: 'GET' | 'POST', path: string, fields?: Record<string, string>) => {
    let location = await step(method, path, fields)
    for (let hops = 0; location && hops < 5; hops++)
      location = await step('GET', new URL(location, base).pathname)
  }
  const before = recorder.timeouts + recorder.errors
  await follow('GET', '/sign-up')
  await follow('GET', '/sign-up/ward')
  await follow('POST', '/sign-up/ward', { wardId: String(wardId) })
  await follow('POST', '/sign-up/contact', { name: 'Bench Resident', email })
  await follow('POST', '/sign-up', {})
  const lost = recorder.timeouts + recorder.errors > before
  return !failed && !lost && lastPage.includes('Check your email')
}

/** Sign-ups started at a fixed rate for `seconds`, each on its own. */
export async function signUpLoad(
  base: URL,
  perSecond: number,
  seconds: number,
  wardIds: number[],
  label: string
): Promise<SignUpFigures> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 512 })
  const recorder = new Recorder()
  const total = Math.round(perSecond * seconds)
  const emails: string[] = []
  const secondsEach: number[] = []
  const started = performance.now()
  const pending: Promise<void>[] = []
  for (let index = 0; index < total; index++) {
    const due = started + (index * 1000) / perSecond
    const wait = due - performance.now()
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait))
    const email = `signup-${label}-${index}@bench.example`
    const address = `10.${(index >> 16) & 255}.${(index >> 8) & 255}.${index & 255}`
    pending.push(
      (async () => {
        const begun = performance.now()
        if (await signUp(agent, base, wardIds[index % wardIds.length], email, address, recorder)) {
          emails.push(email)
          secondsEach.push((performance.now() - begun) / 1000)
        }
      })()
    )
  }
  await Promise.all(pending)
  agent.destroy()
  return {
    ...recorder.figures(performance.now() - started),
    started: total,
    completed: emails.length,
    emails,
    secondsEach,
  }
}
