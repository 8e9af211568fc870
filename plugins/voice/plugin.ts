import { definePlugin } from '#contracts/plugin'
import { checkConnection } from './src/connection_check.js'
import { CallStore } from './src/call_store.js'
import { composerPreview } from './src/composer_preview.js'
import { voiceSettings } from './src/settings.js'
import { twilioWebhooks } from './src/twilio_webhooks.js'
import { VoiceCalls } from './src/voice_calls.js'
import { VoiceChannel } from './src/voice_channel.js'
import { codeCaller, type CodeCallResult } from './src/code_call.js'
import { MobileCalls } from './src/mobile_calls.js'

let calls: VoiceCalls | null = null

/**
 * Verifies a landline by calling it and reading the code out twice, digit
 * by digit. For the core's contact verification to register as the landline
 * sender (see README.md); answers why not in words for the resident.
 */
export async function callWithCode(toNumber: string, code: string): Promise<CodeCallResult> {
  if (!calls) return { ok: false, reason: 'Phone calls are not set up' }
  return codeCaller(calls)(toNumber, code)
}

/** The calls of the running plugin, for its tests (placing retries without waiting for the schedule). */
export function registeredCalls() {
  return calls
}

/**
 * Voice calls: alerts read out by phone through Twilio, to landlines (and
 * to the mobiles of residents without one who chose calls), with answering
 * machines, status callbacks, and calls tried again when busy or unanswered.
 */
export default definePlugin({
  id: 'voice',
  name: 'Voice calls',
  description:
    'Reads alerts out by phone through Twilio: to landlines, for residents nothing else reaches, and to the mobiles of residents who choose calls.',
  version: '1.0.0',
  settings: voiceSettings(checkConnection),
  register(context) {
    const voiceCalls = new VoiceCalls({
      settings: context.settings,
      receipts: context.receipts,
      publicUrl: () => context.app.config.get<string>('app.appUrl'),
    })
    calls = voiceCalls
    // Mobiles are called only for residents who chose it on their preferences page.
    const mobileCalls = new MobileCalls(context.contacts, context.residents)
    context.channel(new VoiceChannel(voiceCalls, mobileCalls))
    context.slot('resident.preferences', {
      view: 'mobile_calls',
      data: ({ residentId }) => mobileCalls.section(residentId),
    })
    context.residentPages((pages) => {
      pages.post('/mobile-calls', mobileCalls.handler())
    })
    for (const [path, webhook] of Object.entries(twilioWebhooks(voiceCalls))) {
      context.webhook(path, webhook)
    }
    context.schedule('call-again', {
      every: '1m',
      run: async () => {
        await voiceCalls.retryDue()
        // Twilio's reports that came before the ledger knew the call (kept through restarts).
        await voiceCalls.deliverHeldReceipts()
      },
    })
    context.slot('staff.composer', { view: 'composer_preview', data: composerPreview })
    // A landline is verified by a call that reads its code (the core makes and checks the code).
    const callCode = codeCaller(voiceCalls)
    context.verification.deliverCodes('landline', {
      async deliver({ number, code }) {
        const answer = await callCode(number, code)
        return answer.ok ? { delivered: true } : { delivered: false, reason: answer.reason }
      },
    })
    context.privacy({
      async export(residentId) {
        const count = await CallStore.countForResident(residentId)
        return count ? { 'Alert calls made to you': String(count) } : null
      },
      async erase({ residentId }) {
        await CallStore.eraseResident(residentId)
      },
    })
  },
})
