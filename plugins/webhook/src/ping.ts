import { randomUUID } from 'node:crypto'
import type { SettingsCheckResult } from '#contracts/settings'
import type { PingPayload } from './payload.js'
import { PAYLOAD_VERSION } from './payload.js'
import { postSigned } from './webhook_client.js'
import { urlsOf, type WebhookSettings } from './settings.js'
import type { Resolver } from './address_guard.js'

/**
 * "Test connection": a signed ping to every address, and one line each on
 * what it answered. Nothing is retried: staff see the first answer.
 */
export async function pingAll(
  values: WebhookSettings,
  options: {
    allowPrivate: boolean
    organisationId?: number
    resolver?: Resolver
    timeoutMs?: number
  }
): Promise<SettingsCheckResult> {
  const urls = urlsOf(values.urls)
  if (urls.length === 0) return { ok: false, message: 'Enter at least one webhook address first.' }
  if (!values.signing_secret) return { ok: false, message: 'Enter a signing secret first.' }

  const lines: string[] = []
  let failed = 0
  for (const url of urls) {
    const deliveryId = randomUUID()
    const payload: PingPayload = {
      version: PAYLOAD_VERSION,
      event: 'ping',
      deliveryId,
      organisation: { id: options.organisationId ?? null, name: null },
    }
    const outcome = await postSigned(url, payload, {
      secret: values.signing_secret,
      idempotencyKey: deliveryId,
      event: 'ping',
      allowPrivate: options.allowPrivate,
      resolver: options.resolver,
      timeoutMs: options.timeoutMs ?? 5000,
    })
    const host = URL.canParse(url) ? new URL(url).host : url.slice(0, 60)
    if (outcome.status === 'sent') {
      lines.push(`${host}: accepted the signed test.`)
    } else {
      failed++
      lines.push(`${host}: ${outcome.reason}.`)
    }
  }
  const summary =
    failed === 0
      ? `Every address accepted a signed test (${urls.length}).`
      : `${failed} of ${urls.length} addresses did not accept the signed test.`
  return { ok: failed === 0, message: [summary, ...lines].join(' ') }
}
