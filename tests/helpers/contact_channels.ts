import type { Channel } from '#contracts/channel'
import type { ContactKind } from '#contracts/contacts'
import channelRegistry from '#services/platform/plugins/channel_registry'

/**
 * A channel that only declares its contact: targeting reads nothing else.
 * Registered but never offered (its plugin is "disabled"), so that the
 * channels a send uses stay the core's.
 */
export function contactOnlyChannel(id: string, contact: ContactKind | ContactKind[]): Channel {
  return {
    id,
    label: id,
    contact,
    limits: {
      maxTextLength: null,
      supportsHtml: false,
      batchSize: 10,
      concurrency: 1,
      ratePerSecond: null,
    },
    isReady: async () => ({ ready: true }),
    addressOf: () => null,
    render: async (alert) => ({ text: alert.title }),
    send: async (batch) =>
      batch.map((delivery) => ({
        deliveryId: delivery.deliveryId,
        status: 'failed' as const,
        reason: 'Not offered in tests',
        permanent: true,
      })),
  }
}

/**
 * The channels plugins will bring, as targeting sees them: SMS to a mobile,
 * voice to a landline or a mobile, and a pigeon post whose contact is a
 * kind only its plugin knows (kept in resident_contacts). Returns the
 * cleanup that unregisters them.
 */
export function registerContactChannels() {
  // A real plugin's channel of the same id (plugins/voice) is put back afterwards.
  const restores = [
    contactOnlyChannel('sms', 'mobile'),
    contactOnlyChannel('voice', ['landline', 'mobile']),
    contactOnlyChannel('pigeon', 'pigeon_loft'),
  ].map((channel) => channelRegistry.standIn(channel, () => false))
  return () => restores.forEach((restore) => restore())
}
