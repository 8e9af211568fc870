import type { Channel, ChannelRecipient, RenderableAlert } from '#contracts/channel'
import { RECORD_CONTACT_KINDS } from '#contracts/contacts'
import { PRIORITIES } from '#contracts/priority'
import type Organisation from '#models/platform/organisation'
import Resident from '#models/residents/resident'
import channelRegistry from '#services/platform/plugins/channel_registry'
import { brandingOf } from '#services/messaging/alert_rendering'
import { absoluteUrl } from '#services/messaging/public_alert_view'
import AlertLinks from '#services/messaging/alert_links'

/** A test is in no ledger: channels keep no state for this delivery id (#contracts/channel). */
export const TEST_DELIVERY_ID = 0

const BODY =
  'This is a test of the channel, sent from Settings → Channels. No resident received it.'

/**
 * "Send a test to me": one alert through a channel's own render() and send(),
 * to the member of staff who asked. Contacts kept on a resident's record
 * (email aside) or in resident_contacts (a browser) come from the resident
 * with the member's email address, so staff test push or SMS by signing up
 * as a resident first.
 */
export default class ChannelTestSend {
  static async toMember(
    channelId: string,
    member: { email: string; fullName: string },
    organisation: Organisation
  ): Promise<{ ok: boolean; message: string }> {
    const channel = channelRegistry.available(organisation.id).find((one) => one.id === channelId)
    if (!channel) return { ok: false, message: 'That channel is not switched on.' }
    const readiness = await channel.isReady()
    if (!readiness.ready) return { ok: false, message: `Not sent: ${readiness.reason}` }

    const resident = await Resident.query()
      .where('email', member.email)
      .where('status', 'active')
      .first()
    if (!resident && !this.#usesEmailOnly(channel)) {
      return {
        ok: false,
        message: `Not sent: this channel reaches residents, and no resident has your email address (${member.email}). Sign up as a resident with it and add what the channel needs (a browser, a number), then try again.`,
      }
    }
    const recipient: ChannelRecipient = {
      residentId: resident?.id ?? 0,
      name: member.fullName,
      email: member.email,
      phone: resident?.phone ?? null,
      landline: resident?.landline ?? null,
      language: 'en',
    }
    const alert: RenderableAlert = {
      id: 0,
      title: 'Test alert',
      bodyMarkdown: BODY,
      bodyHtml: `<p>${BODY}</p>`,
      bodyText: BODY,
      priority: 3,
      priorityLabel: PRIORITIES[3],
      branding: brandingOf(organisation),
      publicUrl: null,
      alertsUrl: absoluteUrl('/my-alerts/received'),
    }
    try {
      const variant = await channel.render(alert, 'en')
      const [outcome] = await channel.send([
        {
          deliveryId: TEST_DELIVERY_ID,
          recipient,
          alert: {
            id: 0,
            title: alert.title,
            body: BODY,
            priority: 3,
            priorityLabel: alert.priorityLabel,
            organisationName: organisation.name,
            organisationId: organisation.id,
          },
          variant,
          language: 'en',
          senderName: alert.branding.senderName,
          unsubscribeUrl: AlertLinks.unsubscribePage(recipient.residentId),
          oneClickUnsubscribeUrl: AlertLinks.oneClickUnsubscribe(recipient.residentId),
        },
      ])
      if (outcome?.status === 'sent') {
        return { ok: true, message: `${channel.label}: the test was sent to you.` }
      }
      return {
        ok: false,
        message: `${channel.label}: not sent (${outcome?.reason ?? 'no answer'}).`,
      }
    } catch {
      return { ok: false, message: `${channel.label}: the test failed with an error.` }
    }
  }

  static #usesEmailOnly(channel: Channel) {
    const kinds = typeof channel.contact === 'string' ? [channel.contact] : [...channel.contact]
    return kinds.every((kind) => kind === RECORD_CONTACT_KINDS[0])
  }
}
