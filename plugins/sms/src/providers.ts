import type { SettingsReader } from '#contracts/settings'
import type { SmsInstallSettings } from './settings.js'
import type { SmsProvider } from './provider.js'
import { NotifyProvider } from './notify_provider.js'
import { TwilioProvider } from './twilio_provider.js'
import { providerAddress, providerAddressAllowed } from '#contracts/provider_address'

/** The provider the settings describe, or null with the reason staff read. */
export function providerFrom(
  values: Partial<SmsInstallSettings>,
  addressAllowed = providerAddressAllowed()
): { provider: SmsProvider; reason?: never } | { provider: null; reason: string } {
  if (values.provider === 'notify' && values.notify_api_key && values.notify_template_id) {
    return {
      provider: new NotifyProvider({
        apiKey: values.notify_api_key,
        templateId: values.notify_template_id,
        senderId: values.notify_sender_id,
        baseUrl: providerAddress(values.api_base_url, addressAllowed),
      }),
    }
  }
  if (
    values.provider === 'twilio' &&
    values.twilio_account_sid &&
    values.twilio_auth_token &&
    values.twilio_sender
  ) {
    return {
      provider: new TwilioProvider({
        accountSid: values.twilio_account_sid,
        authToken: values.twilio_auth_token,
        sender: values.twilio_sender,
        baseUrl: providerAddress(values.api_base_url, addressAllowed),
      }),
    }
  }
  return {
    provider: null,
    reason: 'The text message provider is not set up yet (Settings → Plugins → Text messages).',
  }
}

/**
 * The provider for the install's current settings, made again only when
 * they change (clients keep their connections).
 */
export class ProviderCache {
  #key = ''
  #current: ReturnType<typeof providerFrom> | null = null

  constructor(private settings: SettingsReader) {}

  async current() {
    const values = await this.settings.forInstall<SmsInstallSettings>()
    const key = JSON.stringify(values)
    if (key !== this.#key || !this.#current) {
      this.#key = key
      this.#current = providerFrom(values)
    }
    return { ...this.#current, values }
  }
}
