import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import TrackingTokens from '#services/messaging/tracking/tracking_tokens'
import TrackedEmail from '#services/messaging/tracking/tracked_email'
import { sqlTime } from '#services/platform/infrastructure/sql_time'

/**
 * Link checkers that mail systems run on every link as a mail arrives
 * (Microsoft Safe Links, Mimecast, Proofpoint, Barracuda…) and crawlers
 * that say what they are: their loads are not a resident opening or
 * clicking. Apple Mail Privacy Protection cannot be told apart this way
 * (it loads every image through a proxy with an ordinary browser's name),
 * which is why the report calls the open rate an estimate.
 */
const SCANNER =
  /bot\b|crawler|spider|preview|scanner|safelinks|mimecast|proofpoint|barracuda|urldefense|headless/i

export function looksLikeScanner(userAgent: string | undefined) {
  return !userAgent || SCANNER.test(userAgent)
}

interface TrackedDelivery {
  id: number
  alertId: number
  residentId: number | null
  body: string
  /** Whether an open or click may be recorded now: the organisation tracks, the resident has not declined. */
  recordable: boolean
}

/**
 * What a tracked email's image and links record: the first open and click
 * of each delivery, and how many. Recorded only while the organisation
 * tracks and the resident has not declined (so turning either off stops it
 * for emails already sent too), and never for a delivery made anonymous by
 * erasure. A click counts as an open as well: whoever clicked opened it,
 * though their mail app may not have loaded the image.
 */
export default class EngagementRecorder {
  /** Never throws: the image is answered the same whatever the token. */
  static async opened(token: string, userAgent?: string) {
    try {
      const delivery = await this.#find(token)
      if (!delivery?.recordable || looksLikeScanner(userAgent)) return
      await this.#record(delivery, { open: true, click: false })
    } catch (error) {
      logger.warn({ err: error }, 'an open was not recorded')
    }
  }

  /**
   * Where link `index` of a tracked email leads, recording the click: only
   * an address the alert itself contains, or null (an unknown token or index).
   */
  static async clicked(token: string, index: number, userAgent?: string) {
    const delivery = await this.#find(token)
    if (!delivery) return null
    const target = TrackedEmail.linksOf(delivery.body)[index]
    if (!target) return null
    if (delivery.recordable && !looksLikeScanner(userAgent)) {
      try {
        await this.#record(delivery, { open: true, click: true })
      } catch (error) {
        logger.warn({ err: error }, 'a click was not recorded')
      }
    }
    return target
  }

  static async #find(token: string): Promise<TrackedDelivery | null> {
    const deliveryId = TrackingTokens.deliveryOf(token)
    if (deliveryId === null) return null
    const row = await db
      .from('deliveries')
      .join('alerts', 'alerts.id', 'deliveries.alert_id')
      .join('organisations', 'organisations.id', 'alerts.organisation_id')
      .leftJoin('residents', 'residents.id', 'deliveries.resident_id')
      .where('deliveries.id', deliveryId)
      .where('deliveries.channel', 'email')
      .select(
        'deliveries.id',
        'deliveries.alert_id',
        'deliveries.resident_id',
        'deliveries.status',
        'alerts.body',
        'organisations.tracks_engagement',
        'residents.declines_tracking'
      )
      .first()
    if (!row) return null
    const residentId = row.resident_id === null ? null : Number(row.resident_id)
    return {
      id: Number(row.id),
      alertId: Number(row.alert_id),
      residentId,
      body: String(row.body ?? ''),
      recordable:
        residentId !== null &&
        ['sent', 'delivered'].includes(row.status) &&
        Boolean(row.tracks_engagement) &&
        !row.declines_tracking,
    }
  }

  /** One statement: the row is made by the first open or click, counted by the next. */
  static async #record(delivery: TrackedDelivery, what: { open: boolean; click: boolean }) {
    const now = sqlTime()
    const first = (column: string, happened: boolean) =>
      happened
        ? db.raw(`COALESCE(delivery_engagements.${column}, excluded.${column})`)
        : db.raw(`delivery_engagements.${column}`)
    await db
      .table('delivery_engagements')
      .insert({
        delivery_id: delivery.id,
        alert_id: delivery.alertId,
        resident_id: delivery.residentId,
        first_opened_at: what.open ? now : null,
        open_count: what.open ? 1 : 0,
        first_clicked_at: what.click ? now : null,
        click_count: what.click ? 1 : 0,
        created_at: now,
        updated_at: now,
      })
      .onConflict('delivery_id')
      .merge({
        first_opened_at: first('first_opened_at', what.open),
        open_count: db.raw(`delivery_engagements.open_count + ${what.open ? 1 : 0}`),
        first_clicked_at: first('first_clicked_at', what.click),
        click_count: db.raw(`delivery_engagements.click_count + ${what.click ? 1 : 0}`),
        updated_at: now,
      })
  }
}
