import { createHmac, timingSafeEqual } from 'node:crypto'

/** How old a signed request may be before a receiver should refuse it (a replay). */
export const TOLERANCE_SECONDS = 300

/**
 * The Beacon-Signature header: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`.
 * The timestamp is inside what is signed, so it cannot be changed to replay
 * an old request as new.
 */
export function signatureHeader(secret: string, body: string, unixSeconds: number) {
  const digest = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex')
  return `t=${unixSeconds},v1=${digest}`
}

/**
 * What a receiver does (README.md has the same in a few lines): the
 * signature matches and the timestamp is recent. Exported for the tests,
 * which check a request as a receiver would.
 */
export function verifySignature(
  secret: string,
  body: string,
  header: string | undefined,
  nowSeconds = Math.floor(Date.now() / 1000),
  toleranceSeconds = TOLERANCE_SECONDS
) {
  const parts = Object.fromEntries(
    (header ?? '').split(',').map((part) => part.trim().split('=', 2) as [string, string])
  )
  const timestamp = Number(parts.t)
  if (!Number.isInteger(timestamp) || !/^[0-9a-f]{64}$/.test(parts.v1 ?? '')) return false
  if (Math.abs(nowSeconds - timestamp) > toleranceSeconds) return false
  const expected = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest()
  return timingSafeEqual(expected, Buffer.from(parts.v1, 'hex'))
}
