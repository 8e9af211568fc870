import { DateTime } from 'luxon'
import { AcceptGate } from '#tests/helpers/accept_gate'
import type { ChannelKit } from '#tests/helpers/channel_kit'
import { FakeNotify } from './fake_notify.js'
import { notifyValues, setUpSms } from './sms_setup.js'

/** Text messages through a local GOV.UK Notify, for the core's cross-channel tests (#tests/helpers/channel_kit). */
export default function smsChannelKit(): ChannelKit {
  const notify = new FakeNotify()
  const gate = new AcceptGate()
  notify.gate = gate
  const undo: Array<() => Promise<void>> = []
  return {
    channel: 'sms',
    gate,
    async start() {
      await notify.start()
    },
    workerEnvironment: () => ({}),
    async enable(organisation) {
      await setUpSms(organisation, notifyValues(notify), (task) => undo.push(task))
    },
    async reach(resident, index) {
      // Ofcom's numbers for drama (07700 900000–900999): nobody's phone.
      const phone = `+447700900${String(index % 1000).padStart(3, '0')}`
      await resident.merge({ phone, phoneVerifiedAt: DateTime.now() }).save()
      return phone
    },
    async received(alert) {
      const copies = new Map<string, number>()
      for (const sms of notify.sent) {
        // A text names no alert id: it starts with the sender's name and the alert's title.
        if (!sms.personalisation.body?.includes(`: ${alert.title}\n`)) continue
        copies.set(sms.phoneNumber, (copies.get(sms.phoneNumber) ?? 0) + 1)
      }
      return copies
    },
    async stop() {
      for (const task of undo.reverse()) await task()
      gate.release()
      await notify.stop()
    },
  }
}
