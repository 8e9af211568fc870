import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import { sqlTime } from '#services/platform/infrastructure/sql_time'
import { isPostgres } from '#services/platform/infrastructure/sql_dialect'

/**
 * An outcome is written only over a row still in flight: claimed by a job, or
 * taken back by the sweeper while it was sending (then marking it sent stops a
 * second send). A row already sent, delivered or failed never moves backwards.
 */
export const STILL_IN_FLIGHT = ['sending', 'pending']

// A provider's acceptance waits at most this long in memory before it is written.
const FLUSH_MS = 20
// One statement takes at most this many rows (two bindings each).
const ROWS_PER_WRITE = 400
const RETRY_MS = { first: 100, longest: 2000 }

/**
 * The ledger's record of what providers accepted, written as soon as each
 * acceptance arrives (one statement for what arrived in the last few
 * milliseconds), not when the send job's batch is done. A worker killed
 * between a provider's "accepted" and this write sends that mail again when
 * its rows are reclaimed: the window is one flush, and the mails it covers are
 * the ones in flight at that instant.
 *
 * A write that fails (the database is unreachable) is retried until it
 * succeeds: an acceptance is never forgotten while the process lives, and the
 * rows it covers are not given back to be sent again.
 */
export default class AlertAcceptances {
  /** Delivery id → the provider's id, accepted and not yet written. */
  static #waiting = new Map<number, string>()
  static #writing = new Map<number, string>()
  static #timer: NodeJS.Timeout | null = null
  static #failures = 0
  static #written: Array<() => void> = []

  /** A provider accepted this delivery: it is recorded as sent within a few milliseconds. */
  static accept(deliveryId: number, providerId: string) {
    this.#waiting.set(deliveryId, providerId)
    this.#schedule()
  }

  /** Whether this process holds an acceptance for the delivery not yet written. */
  static holds(deliveryId: number) {
    return this.#waiting.has(deliveryId) || this.#writing.has(deliveryId)
  }

  /** Resolves once every one of these deliveries' acceptances is in the ledger. */
  static async settle(deliveryIds: Iterable<number>) {
    const ids = [...deliveryIds]
    while (ids.some((id) => this.holds(id))) {
      await new Promise<void>((resolve) => {
        this.#written.push(resolve)
        this.#schedule()
      })
    }
  }

  static #schedule() {
    if (this.#timer || this.#writing.size > 0 || this.#waiting.size === 0) return
    const delay =
      this.#failures > 0
        ? Math.min(RETRY_MS.first * 2 ** (this.#failures - 1), RETRY_MS.longest)
        : this.#waiting.size >= ROWS_PER_WRITE
          ? 0
          : FLUSH_MS
    this.#timer = setTimeout(() => {
      this.#timer = null
      void this.#flush()
    }, delay)
  }

  static async #flush() {
    for (const [id, providerId] of this.#waiting) {
      if (this.#writing.size >= ROWS_PER_WRITE) break
      this.#writing.set(id, providerId)
      this.#waiting.delete(id)
    }
    try {
      await this.#markSent(this.#writing)
      this.#failures = 0
    } catch (error) {
      this.#failures++
      logger.warn({ err: error, rows: this.#writing.size }, 'recording accepted deliveries failed')
      // Put back, unless accepted again meanwhile: they are written on the next try.
      for (const [id, providerId] of this.#writing) {
        if (!this.#waiting.has(id)) this.#waiting.set(id, providerId)
      }
    }
    this.#writing = new Map()
    const written = this.#written
    this.#written = []
    written.forEach((resolve) => resolve())
    this.#schedule()
  }

  /** One statement for many rows: each still gets its own provider id. */
  static async #markSent(rows: Map<number, string>) {
    const now = sqlTime()
    const ids = [...rows.keys()]
    if (isPostgres()) {
      // Two array parameters instead of three a row: the statement stays the same size however many it writes.
      await db.rawQuery(
        `update deliveries set status = 'sent', provider_id = accepted.provider_id,
           sent_at = ?, error = null, updated_at = ?
         from unnest(?::bigint[], ?::text[]) as accepted (id, provider_id)
         where deliveries.id = accepted.id and deliveries.status in (${STILL_IN_FLIGHT.map(() => '?').join(', ')})`,
        [now, now, ids, [...rows.values()], ...STILL_IN_FLIGHT]
      )
      return
    }
    const cases = ids.map(() => 'when ? then ?').join(' ')
    const bindings = ids.flatMap((id) => [id, rows.get(id)!])
    await db
      .from('deliveries')
      .whereIn('id', ids)
      .whereIn('status', STILL_IN_FLIGHT)
      .update({
        status: 'sent',
        provider_id: db.raw(`case id ${cases} end`, bindings),
        sent_at: now,
        error: null,
        updated_at: now,
      })
  }
}
