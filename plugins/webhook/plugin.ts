import { definePlugin } from '#contracts/plugin'
import { WebhookChannel } from './src/webhook_channel.js'
import { webhookSettings } from './src/settings.js'
import { pingAll } from './src/ping.js'

let channel: WebhookChannel | null = null

/**
 * Webhooks: each alert is POSTed as signed JSON to the addresses an
 * organisation sets, once per address, retried by Beacon's ledger when a
 * receiver is down. README.md documents the payload and how to verify it.
 */
export default definePlugin({
  id: 'webhook',
  name: 'Webhooks',
  description:
    'Sends each alert as a signed JSON POST to the web addresses an organisation sets (its own systems, a chat bridge, a partner).',
  version: '1.0.0',
  settings: webhookSettings(async (values) =>
    pingAll(values, { allowPrivate: (await channel?.allowsPrivate()) ?? false })
  ),
  register(context) {
    channel = new WebhookChannel({ settings: context.settings })
    context.organisationChannel(channel)
  },
})
