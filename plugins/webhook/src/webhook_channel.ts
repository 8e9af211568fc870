import { createHash } from 'node:crypto'
import type {
  OrganisationChannel,
  OrganisationTarget,
  OutgoingTargetDelivery,
  TargetOutcome,
} from '#contracts/organisation_channel'
import type { SettingsReader } from '#contracts/settings'
import { alertPayload } from './payload.js'
import { postSigned } from './webhook_client.js'
import { urlsOf, type WebhookInstallSettings, type WebhookSettings } from './settings.js'
import type { Resolver } from './address_guard.js'

export interface WebhookChannelOptions {
  settings: SettingsReader
  /** Tests answer names themselves; DNS otherwise. */
  resolver?: Resolver
  timeoutMs?: number
}

/** A URL's key in the ledger: it may hold a token, so only a hash of it is stored. */
export function targetKey(url: string) {
  return createHash('sha256').update(url).digest('hex').slice(0, 40)
}

/** What staff see: the host, and which of the organisation's addresses when one host has several. */
function labelsOf(urls: string[]) {
  const hosts = urls.map((url) => new URL(url).host)
  return hosts.map((host, index) =>
    hosts.filter((other) => other === host).length > 1 ? `${host} (address ${index + 1})` : host
  )
}

/**
 * The webhook channel: each alert goes, signed, to every address the
 * organisation set, once per address. The core's ledger retries it.
 */
export class WebhookChannel implements OrganisationChannel {
  readonly id = 'webhook'
  readonly label = 'Webhooks'

  constructor(private options: WebhookChannelOptions) {}

  async targets(organisationId: number): Promise<OrganisationTarget[]> {
    const settings = await this.options.settings.forOrganisation<WebhookSettings>(organisationId)
    if (!settings.signing_secret) return []
    const urls = [...new Set(urlsOf(settings.urls))].filter((url) => URL.canParse(url))
    const labels = labelsOf(urls)
    return urls.map((url, index) => ({ key: targetKey(url), label: labels[index] }))
  }

  async send(delivery: OutgoingTargetDelivery): Promise<TargetOutcome> {
    const settings = await this.options.settings.forOrganisation<WebhookSettings>(
      delivery.organisationId
    )
    // The ledger keeps only the key: the address is found again in the settings.
    const url = urlsOf(settings.urls).find(
      (candidate) => targetKey(candidate) === delivery.target.key
    )
    if (!url) return { status: 'failed', reason: 'The address was removed from the settings' }
    if (!settings.signing_secret) return { status: 'failed', reason: 'No signing secret is set' }
    return postSigned(url, alertPayload(delivery.idempotencyKey, delivery.alert), {
      secret: settings.signing_secret,
      idempotencyKey: delivery.idempotencyKey,
      event: 'alert',
      allowPrivate: await this.allowsPrivate(),
      resolver: this.options.resolver,
      timeoutMs: this.options.timeoutMs,
    })
  }

  async allowsPrivate() {
    const install = await this.options.settings.forInstall<WebhookInstallSettings>()
    return install.allow_private_addresses === true
  }
}
