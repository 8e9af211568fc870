import { DateTime } from 'luxon'
import { AcceptGate } from '#tests/helpers/accept_gate'
import type { ChannelKit } from '#tests/helpers/channel_kit'
import { createStaff } from '#tests/helpers/fixtures'
import { signInStaff } from '#tests/helpers/staff_session'
import { CallStore } from '../../src/call_store.js'
import { FakeTwilioCalls } from './fake_twilio_calls.js'
import { SETTINGS, settingsFor } from './voice_setup.js'

/** Calls to landlines through a local Twilio, for the core's cross-channel tests (#tests/helpers/channel_kit). */
export default function voiceChannelKit(): ChannelKit {
  const twilio = new FakeTwilioCalls()
  const gate = new AcceptGate()
  twilio.gate = gate
  let started = false
  let disable: (() => Promise<void>) | null = null
  return {
    channel: 'voice',
    gate,
    async start() {
      await twilio.start()
      started = true
    },
    workerEnvironment: () => ({}),
    async enable(organisation) {
      const admin = await signInStaff(
        await createStaff(organisation, 'admin', { installAdmin: true })
      )
      await admin.get(SETTINGS)
      const enabled = await admin.post(SETTINGS, { enabled: 'true' })
      if (!enabled.text.includes('Voice calls is now enabled.')) throw new Error('Not enabled')
      disable = async () => {
        await admin.get(SETTINGS)
        await admin.post(SETTINGS, { enabled: 'false' })
      }
      const saved = await admin.post(`${SETTINGS}/settings`, {
        ...settingsFor(twilio),
        _intent: 'save',
      })
      if (saved.status !== 200 || saved.text.includes('There is a problem')) {
        throw new Error(`Voice settings not saved:\n${saved.text.slice(0, 3000)}`)
      }
    },
    async reach(resident, index) {
      // Ofcom's landline numbers for drama (01632 960000–960999): nobody's line.
      const landline = `+441632960${String(index % 1000).padStart(3, '0')}`
      await resident.merge({ landline, landlineVerifiedAt: DateTime.now() }).save()
      return landline
    },
    async received(alert) {
      const copies = new Map<string, number>()
      for (const call of twilio.calls) {
        // Twilio is asked for a call, not a text: what it reads out is the plugin's row the TwiML address names.
        const callId = Number(new URL(String(call.params.Url)).searchParams.get('call'))
        const row = await CallStore.find(callId)
        if (row?.kind !== 'alert' || !row.script.includes(alert.title)) continue
        const to = String(call.params.To)
        copies.set(to, (copies.get(to) ?? 0) + 1)
      }
      return copies
    },
    async stop() {
      await disable?.()
      gate.release()
      if (started) await twilio.stop()
    },
  }
}
