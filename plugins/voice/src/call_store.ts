import db from '@adonisjs/lucid/services/db'
import encryption from '@adonisjs/core/services/encryption'
import { DateTime } from 'luxon'

/** The plugin's record of its calls (voice_calls). Numbers and scripts are encrypted at rest. */

export type CallKind = 'alert' | 'code'

export interface VoiceCall {
  id: number
  kind: CallKind
  ledgerSid: string | null
  callSid: string | null
  residentId: number | null
  toNumber: string
  script: string
  attempts: number
  state: 'calling' | 'waiting' | 'done'
  nextAttemptMs: number | null
  outcome: string | null
}

const TABLE = 'voice_calls'

function now() {
  return DateTime.utc().toSQL()!
}

function decrypt(value: string) {
  return encryption.decrypt<string>(value) ?? ''
}

function fromRow(row: Record<string, any>): VoiceCall {
  return {
    id: Number(row.id),
    kind: row.kind,
    ledgerSid: row.ledger_sid,
    callSid: row.call_sid,
    residentId: row.resident_id === null ? null : Number(row.resident_id),
    toNumber: decrypt(row.to_number),
    script: decrypt(row.script),
    attempts: Number(row.attempts),
    state: row.state,
    nextAttemptMs: row.next_attempt_ms === null ? null : Number(row.next_attempt_ms),
    outcome: row.outcome,
  }
}

export const CallStore = {
  /** A call about to be placed: its row exists first, so that the TwiML address can name it. */
  async create(call: {
    kind: CallKind
    residentId: number | null
    toNumber: string
    script: string
  }) {
    const [inserted] = await db
      .table(TABLE)
      .insert({
        kind: call.kind,
        resident_id: call.residentId,
        to_number: encryption.encrypt(call.toNumber),
        script: encryption.encrypt(call.script),
        attempts: 1,
        state: 'calling',
        created_at: now(),
        updated_at: now(),
      })
      .returning('id')
    return Number(typeof inserted === 'object' ? inserted.id : inserted)
  },

  async find(id: number) {
    const row = await db.from(TABLE).where('id', id).first()
    return row ? fromRow(row) : null
  },

  async findBySid(callSid: string) {
    const row = await db.from(TABLE).where('call_sid', callSid).first()
    return row ? fromRow(row) : null
  },

  /** Twilio accepted the call: the first SID is the ledger's, every attempt's is the current one. */
  async placed(id: number, callSid: string) {
    await db
      .from(TABLE)
      .where('id', id)
      .update({
        call_sid: callSid,
        ledger_sid: db.raw('COALESCE(ledger_sid, ?)', [callSid]),
        updated_at: now(),
      })
  },

  /**
   * The attempt in progress, by the SID Twilio reported: the one recorded, or
   * any while none is yet (Twilio's report can overtake placed()).
   */
  attempt(query: ReturnType<typeof db.from>, id: number, callSid: string) {
    return query
      .where('id', id)
      .where('state', 'calling')
      .where((where) => where.whereNull('call_sid').orWhere('call_sid', callSid))
  },

  /** Twilio's final word on the attempt in progress; false when it was heard before (a repeat). */
  async finish(id: number, callSid: string, outcome: string) {
    const changed = await this.attempt(db.from(TABLE), id, callSid).update({
      state: 'done',
      outcome,
      call_sid: callSid,
      ledger_sid: db.raw('COALESCE(ledger_sid, ?)', [callSid]),
      updated_at: now(),
    })
    return Number(changed) > 0
  },

  /** The line was busy or nobody answered: try again at `atMs`. */
  async waitToRetry(id: number, callSid: string, outcome: string, atMs: number) {
    const changed = await this.attempt(db.from(TABLE), id, callSid).update({
      state: 'waiting',
      outcome,
      next_attempt_ms: atMs,
      call_sid: callSid,
      ledger_sid: db.raw('COALESCE(ledger_sid, ?)', [callSid]),
      updated_at: now(),
    })
    return Number(changed) > 0
  },

  /** Claims the calls due again (one process each); they come back as 'calling'. */
  async claimDue(nowMs: number, limit = 50) {
    const due = await db
      .from(TABLE)
      .where('state', 'waiting')
      .where('next_attempt_ms', '<=', nowMs)
      .orderBy('next_attempt_ms')
      .limit(limit)
      .select('id')
    const claimed: VoiceCall[] = []
    for (const { id } of due) {
      const changed = await db
        .from(TABLE)
        .where('id', id)
        .where('state', 'waiting')
        .update({
          state: 'calling',
          // The new attempt's SID is not known until Twilio answers (see attempt()).
          call_sid: null,
          attempts: db.raw('attempts + 1'),
          next_attempt_ms: null,
          updated_at: now(),
        })
      if (Number(changed) > 0) claimed.push((await this.find(Number(id)))!)
    }
    return claimed
  },

  /** Twilio refused the retry itself: the call is over. */
  async abandon(id: number, outcome: string) {
    await db.from(TABLE).where('id', id).update({ state: 'done', outcome, updated_at: now() })
  },

  /** Keeps Twilio's word on the call until the ledger takes it (a report that came first). */
  async holdReceipt(
    id: number,
    receipt: { status: 'delivered' | 'failed'; reason?: string },
    untilMs: number
  ) {
    await db
      .from(TABLE)
      .where('id', id)
      .update({
        receipt_status: receipt.status,
        receipt_reason: receipt.reason ?? null,
        receipt_until_ms: untilMs,
        updated_at: now(),
      })
  },

  /** The ledger took it, or it is too late to. */
  async releaseReceipt(id: number) {
    await db
      .from(TABLE)
      .where('id', id)
      .update({ receipt_status: null, receipt_reason: null, receipt_until_ms: null })
  },

  /** The reports the ledger has not taken yet, oldest first. */
  async heldReceipts(limit = 200) {
    const rows = await db
      .from(TABLE)
      .whereNotNull('receipt_status')
      .orderBy('id')
      .limit(limit)
      .select('id', 'ledger_sid', 'receipt_status', 'receipt_reason', 'receipt_until_ms')
    return rows.map((row) => ({
      id: Number(row.id),
      ledgerSid: row.ledger_sid as string | null,
      status: row.receipt_status as 'delivered' | 'failed',
      reason: (row.receipt_reason as string | null) ?? undefined,
      untilMs: Number(row.receipt_until_ms),
    }))
  },

  /** Twilio never took the call: nothing to keep. */
  async remove(id: number) {
    await db.from(TABLE).where('id', id).delete()
  },

  async eraseResident(residentId: number) {
    await db.from(TABLE).where('resident_id', residentId).delete()
  },

  async countForResident(residentId: number) {
    const row = await db.from(TABLE).where('resident_id', residentId).count('* as total').first()
    return Number(row?.total ?? 0)
  },
}
