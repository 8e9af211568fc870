import http from 'node:http'
import https from 'node:https'
import { isIP } from 'node:net'
import type { TargetOutcome } from '#contracts/organisation_channel'
import {
  bareHostname,
  guardedLookup,
  isPublicAddress,
  RefusedAddressError,
  systemResolver,
  type Resolver,
} from './address_guard.js'
import { signatureHeader } from './signature.js'

export interface PostOptions {
  secret: string
  idempotencyKey: string
  event: 'alert' | 'ping'
  allowPrivate: boolean
  resolver?: Resolver
  timeoutMs?: number
}

export const DEFAULT_TIMEOUT_MS = 10_000
/** What is read of a receiver's answer: its status is what counts. */
const MOST_RESPONSE_BYTES = 64 * 1024

/** Retry-After in seconds, from a number of seconds or an HTTP date. */
export function retryAfterSeconds(header: string | undefined, now = Date.now()) {
  if (!header) return undefined
  if (/^\d+$/.test(header.trim())) return Number(header.trim())
  const at = Date.parse(header)
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000))
}

/**
 * POSTs a signed JSON body to a receiver, once, and says what happened: 2xx
 * is sent; 408, 429, 5xx, timeouts and network errors are worth a retry;
 * anything else (other 4xx, a redirect, a refused address) fails for good.
 * Redirects are not followed: a receiver could point one at a private address.
 */
export async function postSigned(
  target: string,
  payload: unknown,
  options: PostOptions
): Promise<TargetOutcome> {
  let url: URL
  try {
    url = new URL(target)
  } catch {
    return { status: 'failed', reason: 'The address is not a web address' }
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { status: 'failed', reason: 'The address must start with https:// or http://' }
  }
  // An address written as an IP is never looked up, so it is checked here.
  const host = bareHostname(url)
  if (isIP(host) && !options.allowPrivate && !isPublicAddress(host)) {
    return { status: 'failed', reason: new RefusedAddressError(host).message }
  }

  const body = JSON.stringify(payload)
  const timestamp = Math.floor(Date.now() / 1000)
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const client = url.protocol === 'https:' ? https : http

  return new Promise<TargetOutcome>((resolve) => {
    const request = client.request(url, {
      method: 'POST',
      // A fresh connection each time: a pooled socket would skip the address check.
      agent: false,
      lookup: guardedLookup(options.resolver ?? systemResolver, options.allowPrivate),
      timeout: timeoutMs,
      headers: {
        'Content-Type': 'application/json',
        'Content-Length': Buffer.byteLength(body),
        'User-Agent': 'Beacon-Webhook/1',
        'Beacon-Event': options.event,
        'Beacon-Signature': signatureHeader(options.secret, body, timestamp),
        'Idempotency-Key': options.idempotencyKey,
      },
    })
    const deadline = setTimeout(() => request.destroy(new TimeoutError(timeoutMs)), timeoutMs)
    request.on('timeout', () => request.destroy(new TimeoutError(timeoutMs)))
    request.on('response', (response) => {
      let read = 0
      response.on('data', (chunk: Buffer) => {
        read += chunk.length
        if (read > MOST_RESPONSE_BYTES) response.destroy()
      })
      const finish = () => {
        clearTimeout(deadline)
        resolve(outcomeOf(response.statusCode ?? 0, response.headers))
      }
      response.on('end', finish)
      response.on('close', finish)
      response.on('error', finish)
    })
    request.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(deadline)
      if (error instanceof RefusedAddressError) {
        resolve({ status: 'failed', reason: error.message })
      } else if (error instanceof TimeoutError) {
        resolve({ status: 'retry', reason: error.message })
      } else if (error.code === 'ENOTFOUND') {
        resolve({ status: 'retry', reason: `${host} could not be found` })
      } else {
        resolve({
          status: 'retry',
          reason: `Could not connect to ${host} (${error.code ?? error.message})`,
        })
      }
    })
    request.end(body)
  })
}

class TimeoutError extends Error {
  constructor(timeoutMs: number) {
    super(`No answer within ${Math.round(timeoutMs / 1000)} seconds`)
  }
}

function outcomeOf(status: number, headers: http.IncomingHttpHeaders): TargetOutcome {
  if (status >= 200 && status < 300) {
    const id = headers['x-request-id']
    return { status: 'sent', providerId: typeof id === 'string' ? id : `HTTP ${status}` }
  }
  if (status === 408 || status === 429 || status >= 500) {
    return {
      status: 'retry',
      reason: `The receiver answered ${status}`,
      retryAfterSeconds: retryAfterSeconds(headers['retry-after']),
    }
  }
  if (status >= 300 && status < 400) {
    return {
      status: 'failed',
      reason: `The receiver answered ${status} (a redirect, which is not followed)`,
    }
  }
  return { status: 'failed', reason: `The receiver answered ${status}` }
}
