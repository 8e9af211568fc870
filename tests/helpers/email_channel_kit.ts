import { AcceptGate } from '#tests/helpers/accept_gate'
import type { ChannelKit, KitAlert } from '#tests/helpers/channel_kit'
import { smtpSink } from '#tests/helpers/smtp_sink'
import { uniqueEmail } from '#tests/helpers/fixtures'

/**
 * Email, the core's channel, in the shape of a plugin's channel kit: the
 * suite's SMTP sink is its provider (always running, nothing to enable).
 */
export function emailChannelKit(): ChannelKit {
  const gate = new AcceptGate()
  // Alert ids start again after each test empties the tables: only this kit's mails count.
  let firstMail = smtpSink.received.length
  return {
    channel: 'email',
    gate,
    async start() {
      firstMail = smtpSink.received.length
      smtpSink.gate = gate
    },
    workerEnvironment: () => ({}),
    async enable() {},
    async reach(resident) {
      if (!resident.email) await resident.merge({ email: uniqueEmail() }).save()
      return resident.email!.toLowerCase()
    },
    async received(alert: KitAlert) {
      const copies = new Map<string, number>()
      for (const mail of smtpSink.received.slice(firstMail)) {
        // Beacon's Message-ID names the alert (<beacon.ALERT.DELIVERY@…>); a resent mail keeps it.
        if (!mail.messageId.startsWith(`<beacon.${alert.id}.`)) continue
        for (const to of mail.to) copies.set(to, (copies.get(to) ?? 0) + 1)
      }
      return copies
    },
    async stop() {
      if (smtpSink.gate === gate) smtpSink.gate = null
      gate.release()
    },
  }
}
