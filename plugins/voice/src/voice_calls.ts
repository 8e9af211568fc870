import type { DeliveryReceipts } from '#contracts/receipts'
import type { SettingsReader } from '#contracts/settings'
import { CallStore, type CallKind, type VoiceCall } from './call_store.js'
import { callSettings, type CallSettings, type VoiceSettings } from './settings.js'
import { refusalOf, twilioClient, type TwilioRefusal } from './twilio_client.js'

export const CHANNEL_ID = 'voice'
export const WEBHOOKS = '/plugins/voice/webhooks'

export type PlaceResult =
  { ok: true; callSid: string; callId: number } | { ok: false; refusal: TwilioRefusal }

/** Twilio's final statuses, and what each means for the ledger. */
const FINAL = new Set(['completed', 'busy', 'no-answer', 'failed', 'canceled'])
const TRY_AGAIN = new Set(['busy', 'no-answer'])

export interface StatusReport {
  CallSid?: string
  CallStatus?: string
  ErrorCode?: string
}

function giveUpReason(outcome: string, calls: number) {
  const tries = calls === 1 ? 'the call' : `all ${calls} calls`
  return outcome === 'busy' ? `The line was busy on ${tries}` : `Nobody answered ${tries}`
}

function failureReason(report: StatusReport) {
  if (report.CallStatus === 'canceled') return 'The call was cancelled'
  return report.ErrorCode
    ? `The call could not be connected (Twilio error ${report.ErrorCode})`
    : 'The call could not be connected'
}

/**
 * Places the plugin's calls through Twilio and follows them to the end:
 * Twilio fetches what to say from the plugin's webhook (the row's script),
 * reports the outcome to the status webhook, and a busy line or an
 * unanswered call is tried again later, up to the configured number of
 * times, before the ledger hears it failed.
 */
export class VoiceCalls {
  constructor(
    private options: {
      settings: SettingsReader
      receipts: DeliveryReceipts
      /** The install's public address (APP_URL): Twilio calls back there. */
      publicUrl: () => string
    }
  ) {}

  async settings(): Promise<CallSettings | null> {
    return callSettings(await this.options.settings.forInstall<VoiceSettings>())
  }

  /** The install's public address, without a trailing slash. */
  base() {
    return this.options.publicUrl().replace(/\/+$/, '')
  }

  url(path: string) {
    return this.base() + WEBHOOKS + path
  }

  twimlUrl(callId: number) {
    return this.url(`/twiml?call=${callId}`)
  }

  gatherUrl(callId: number) {
    return this.url(`/gather?call=${callId}`)
  }

  /** Records the call, then asks Twilio to place it; a refused call leaves no row behind. */
  async place(
    settings: CallSettings,
    call: { kind: CallKind; residentId: number | null; toNumber: string; script: string }
  ): Promise<PlaceResult> {
    const callId = await CallStore.create(call)
    const result = await this.#dial(settings, callId, call.toNumber)
    if (result.ok) await CallStore.placed(callId, result.callSid)
    else await CallStore.remove(callId)
    return result.ok ? { ...result, callId } : result
  }

  async #dial(
    settings: CallSettings,
    callId: number,
    to: string
  ): Promise<{ ok: true; callSid: string } | { ok: false; refusal: TwilioRefusal }> {
    try {
      const call = await twilioClient(settings).calls.create({
        to,
        from: settings.fromNumber,
        url: this.twimlUrl(callId),
        method: 'POST',
        statusCallback: this.url('/status'),
        statusCallbackMethod: 'POST',
        statusCallbackEvent: ['completed'],
        // Twilio waits for the end of a machine's greeting, so the message follows the beep.
        machineDetection: 'DetectMessageEnd',
        timeout: 30,
      })
      return { ok: true, callSid: call.sid }
    } catch (error) {
      return { ok: false, refusal: refusalOf(error) }
    }
  }

  /** A status callback (already verified). Answers what changed, for logs and tests. */
  async status(report: StatusReport, nowMs = Date.now()) {
    const { CallSid: sid, CallStatus: outcome } = report
    if (!sid || !outcome || !FINAL.has(outcome)) return 'ignored'
    const call = await CallStore.findBySid(sid)
    if (!call) return 'unknown call'
    const settings = await this.settings()

    if (TRY_AGAIN.has(outcome) && settings && call.attempts <= settings.retries) {
      // Spaced out further each time: 10 minutes, then 20, then 30…
      const at = nowMs + settings.retryMinutes * 60_000 * call.attempts
      return (await CallStore.waitToRetry(call.id, sid, outcome, at)) ? 'retry later' : 'repeat'
    }
    if (!(await CallStore.finish(call.id, sid, outcome))) return 'repeat'
    if (outcome === 'completed') await this.#receipt(call, { status: 'delivered' })
    else if (TRY_AGAIN.has(outcome))
      await this.#receipt(call, { status: 'failed', reason: giveUpReason(outcome, call.attempts) })
    else await this.#receipt(call, { status: 'failed', reason: failureReason(report) })
    return outcome
  }

  async #receipt(call: VoiceCall, outcome: { status: 'delivered' | 'failed'; reason?: string }) {
    if (call.kind !== 'alert' || !call.ledgerSid) return
    await this.options.receipts.record({
      channel: CHANNEL_ID,
      providerId: call.ledgerSid,
      ...outcome,
    })
  }

  /** From the plugin's schedule: places the calls whose wait is over. */
  async retryDue(nowMs = Date.now()) {
    const settings = await this.settings()
    if (!settings) return 0
    const due = await CallStore.claimDue(nowMs)
    for (const call of due) {
      const result = await this.#dial(settings, call.id, call.toNumber)
      if (result.ok) {
        await CallStore.placed(call.id, result.callSid)
      } else {
        await CallStore.abandon(call.id, 'failed')
        await this.#receipt(call, {
          status: 'failed',
          reason: `Twilio refused to call again: ${result.refusal.message}`,
        })
      }
    }
    return due.length
  }
}
