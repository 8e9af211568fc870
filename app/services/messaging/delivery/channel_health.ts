import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import channelRegistry from '#services/platform/plugins/channel_registry'
import { fromStoredTime } from '#services/platform/infrastructure/stored_time'
import { sqlTime } from '#services/platform/infrastructure/sql_time'

/** How far back the failure rate looks. */
export const HEALTH_WINDOW_DAYS = 7

export interface ChannelHealthRow {
  id: string
  label: string
  /** Offered to residents now (its plugin is on). */
  offered: boolean
  readiness: { ready: true } | { ready: false; reason: string }
  /** The last delivery the channel handed over (sent or delivered), or null. */
  lastSuccessAt: DateTime | null
  succeeded: number
  failed: number
  /** failed / (succeeded + failed) over the window, or null with no finished delivery. */
  failureRate: number | null
}

/**
 * Each channel's health for Settings → Channels, read from the ledger: when
 * it last handed a delivery over, and the share of deliveries that failed
 * in the last week, so staff see a broken channel before residents say so.
 */
export default class ChannelHealth {
  static async report(now = DateTime.now()): Promise<ChannelHealthRow[]> {
    const since = sqlTime(now.minus({ days: HEALTH_WINDOW_DAYS }))
    const [counts, lastSuccesses] = await Promise.all([
      db
        .from('deliveries')
        .where('updated_at', '>=', since)
        .whereIn('status', ['sent', 'delivered', 'failed'])
        .groupBy('channel', 'status')
        .select('channel', 'status')
        .count('* as total'),
      db
        .from('deliveries')
        .whereIn('status', ['sent', 'delivered'])
        .whereNotNull('sent_at')
        .groupBy('channel')
        .select('channel')
        .max('sent_at as last'),
    ])
    const offered = new Set(channelRegistry.available().map((channel) => channel.id))
    return Promise.all(
      channelRegistry.all().map(async (channel) => {
        const of = (status: string) =>
          Number(
            counts.find((row) => row.channel === channel.id && row.status === status)?.total ?? 0
          )
        const succeeded = of('sent') + of('delivered')
        const failed = of('failed')
        const last = lastSuccesses.find((row) => row.channel === channel.id)?.last
        return {
          id: channel.id,
          label: channel.label,
          offered: offered.has(channel.id),
          readiness: offered.has(channel.id)
            ? await channel.isReady().catch(() => ({
                ready: false as const,
                reason: 'Checking the channel failed; the log has the details.',
              }))
            : { ready: false as const, reason: 'Its plugin is switched off.' },
          lastSuccessAt: last ? fromStoredTime(last) : null,
          succeeded,
          failed,
          failureRate: succeeded + failed > 0 ? failed / (succeeded + failed) : null,
        }
      })
    )
  }
}
