import type { DeliveryReceipt, DeliveryReceipts } from '#contracts/receipts'
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
/** Quick tries in memory for a report that came before the ledger knew the call; then the schedule's. */
const RECEIPT_WAITS_MS = [0, 500, 1000, 2000, 4000]
/** How long a report the ledger has not taken is kept and offered again. */
const HOLD_RECEIPT_MS = 60 * 60_000

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
        statusCallback: this.url(`/status?call=${callId}`),
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

  /** A status callback (already verified) about the plugin's call `callId`. Answers what it did. */
  async status(callId: number | null, report: StatusReport, nowMs = Date.now()) {
    const { CallSid: sid, CallStatus: outcome } = report
    if (!callId || !sid || !outcome || !FINAL.has(outcome)) return 'ignored'
    const call = await CallStore.find(callId)
    if (!call) return 'unknown call'
    const settings = await this.settings()

    if (
      TRY_AGAIN.has(outcome) &&
      settings &&
      call.kind !== 'code' &&
      call.attempts <= settings.retries
    ) {
      // Spaced out further each time: 10 minutes, then 20, then 30…
      const at = nowMs + settings.retryMinutes * 60_000 * call.attempts
      return (await CallStore.waitToRetry(call.id, sid, outcome, at)) ? 'retry later' : 'repeat'
    }
    if (!(await CallStore.finish(call.id, sid, outcome))) return 'repeat'
    const ledgerSid = call.ledgerSid ?? sid
    if (outcome === 'completed') await this.#receipt(call, ledgerSid, { status: 'delivered' })
    else if (TRY_AGAIN.has(outcome))
      await this.#receipt(call, ledgerSid, {
        status: 'failed',
        reason: giveUpReason(outcome, call.attempts),
      })
    else await this.#receipt(call, ledgerSid, { status: 'failed', reason: failureReason(report) })
    return outcome
  }

  /**
   * Tells the ledger. The ledger learns a call's SID when send() returns its
   * whole batch, and calls are placed one a second, so a short call's report
   * can come first. An unmatched report is kept on the call's row before
   * Twilio's request is answered, tried again in memory for a few seconds,
   * then by the plugin's schedule (deliverHeldReceipts) for up to an hour:
   * a restart in between loses nothing.
   */
  async #receipt(
    call: VoiceCall,
    ledgerSid: string,
    outcome: { status: 'delivered' | 'failed'; reason?: string }
  ) {
    if (call.kind !== 'alert') return
    const receipt = { channel: CHANNEL_ID, providerId: ledgerSid, ...outcome }
    if (await this.#record(receipt)) return
    await CallStore.holdReceipt(call.id, outcome, Date.now() + HOLD_RECEIPT_MS)
    const pending = (async () => {
      for (const wait of RECEIPT_WAITS_MS.slice(1)) {
        await new Promise((resolve) => setTimeout(resolve, wait).unref())
        if (await this.#record(receipt)) return CallStore.releaseReceipt(call.id)
      }
    })().catch(() => {
      // Left on the row for the schedule.
    })
    this.#pending.add(pending)
    void pending.finally(() => this.#pending.delete(pending))
  }

  /** True once the ledger matched the receipt to its delivery. */
  async #record(receipt: DeliveryReceipt) {
    try {
      const outcome = await this.options.receipts.record(receipt)
      return outcome.matched
    } catch {
      // The database may be briefly unavailable: a later try may succeed.
      return false
    }
  }

  /** From the plugin's schedule: reports kept on their calls' rows, offered to the ledger again. */
  async deliverHeldReceipts(nowMs = Date.now()) {
    let taken = 0
    for (const held of await CallStore.heldReceipts()) {
      const matched =
        held.ledgerSid !== null &&
        (await this.#record({
          channel: CHANNEL_ID,
          providerId: held.ledgerSid,
          status: held.status,
          ...(held.reason ? { reason: held.reason } : {}),
        }))
      if (matched) taken++
      if (matched || held.untilMs < nowMs) await CallStore.releaseReceipt(held.id)
    }
    return taken
  }

  #pending = new Set<Promise<void>>()

  /** Receipts still waiting for the ledger (tests wait on them). */
  async settled() {
    await Promise.all(this.#pending)
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
        await this.#receipt(call, call.ledgerSid ?? '', {
          status: 'failed',
          reason: `Twilio refused to call again: ${result.refusal.message}`,
        })
      }
    }
    return due.length
  }
}
