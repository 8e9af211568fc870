import db from '@adonisjs/lucid/services/db'
import type Alert from '#models/messaging/alert'
import channelRegistry from '#services/platform/plugins/channel_registry'
import { fromStoredTime } from '#services/platform/infrastructure/stored_time'
import { isRecordKind } from '#services/residents/contacts/working_contacts'
import AlertProgress from '#services/messaging/delivery/alert_progress'

// The column that marks each contact of the resident's record as dead (as contact_suppression.ts writes them).
const RECORD_MARKS = {
  email: 'email_bounced_at',
  mobile: 'phone_invalid_at',
  landline: 'landline_invalid_at',
} as const

export interface ChannelFigures {
  channel: string
  label: string
  /** Deliveries tried more than once. */
  retried: number
  /** Of those, the ones that then went through. */
  retriedThenSent: number
  /** Of those, the ones still waiting for their next try. */
  retryWaiting: number
  /** Failed deliveries whose contact is now marked as not working, so later alerts skip it. */
  suppressed: number
}

/**
 * The figures at the top of an alert's delivery report: when it was asked
 * to go, when the first and last outcomes came, when it finished; the counts
 * by channel and status (the ledger's, as the alert page shows them); and
 * per channel, how many deliveries needed more than one try and how many
 * failures left the contact suppressed.
 */
export default class DeliveryReport {
  static async of(alert: Alert) {
    const [progress, retries, outcomes] = await Promise.all([
      AlertProgress.of(alert.id),
      db
        .from('deliveries')
        .where('alert_id', alert.id)
        .where('attempts', '>', 1)
        .groupBy('channel')
        .select('channel')
        .count('* as retried')
        .select(
          db.raw(
            "sum(case when status in ('sent', 'delivered') then 1 else 0 end) as retried_then_sent"
          ),
          db.raw("sum(case when status = 'pending' then 1 else 0 end) as retry_waiting")
        ),
      db
        .from('deliveries')
        .where('alert_id', alert.id)
        .whereIn('status', ['sent', 'delivered'])
        .min('sent_at as first_sent_at')
        .max('sent_at as last_sent_at')
        .first(),
    ])

    const channels: ChannelFigures[] = []
    for (const channel of Object.keys(progress.byChannel).sort()) {
      const retried = retries.find((row) => row.channel === channel)
      channels.push({
        channel,
        label: channelRegistry.registered(channel)?.label ?? channel,
        retried: Number(retried?.retried ?? 0),
        retriedThenSent: Number(retried?.retried_then_sent ?? 0),
        retryWaiting: Number(retried?.retry_waiting ?? 0),
        suppressed:
          progress.byChannel[channel].failed > 0 ? await this.suppressed(alert.id, channel) : 0,
      })
    }
    const sum = (field: keyof Omit<ChannelFigures, 'channel' | 'label'>) =>
      channels.reduce((total, one) => total + one[field], 0)
    return {
      progress,
      channels,
      totals: {
        retried: sum('retried'),
        retriedThenSent: sum('retriedThenSent'),
        retryWaiting: sum('retryWaiting'),
        suppressed: sum('suppressed'),
      },
      times: {
        requestedAt: alert.sendRequestedAt ?? null,
        dispatchedAt: alert.dispatchedAt ?? null,
        firstSentAt: fromStoredTime(outcomes?.first_sent_at),
        lastSentAt: fromStoredTime(outcomes?.last_sent_at),
        completedAt: alert.completedAt ?? null,
      },
    }
  }

  /**
   * Failed deliveries on the channel whose resident's contact for it is now
   * marked dead (a hard bounce, a number out of service, every browser
   * unsubscribed): the failure most likely marked it, and later alerts skip it.
   */
  static async suppressed(alertId: number, channelId: string) {
    const channel = channelRegistry.registered(channelId)
    if (!channel) return 0
    const kinds = [channel.contact].flat()
    const query = db
      .from('deliveries')
      .join('residents', 'residents.id', 'deliveries.resident_id')
      .where('deliveries.alert_id', alertId)
      .where('deliveries.status', 'failed')
      .where('deliveries.channel', channelId)
      .where((marked) => {
        for (const kind of kinds) {
          if (isRecordKind(kind)) {
            marked.orWhereNotNull(`residents.${RECORD_MARKS[kind]}`)
          } else {
            // Kept in resident_contacts (a browser's subscription): suppressed when none of that kind still works.
            marked.orWhereNotExists(
              db
                .from('resident_contacts')
                .whereRaw('resident_contacts.resident_id = residents.id')
                .where('resident_contacts.kind', kind)
                .whereNull('resident_contacts.invalid_at')
            )
          }
        }
      })
    const row = await query.count('* as total').first()
    return Number(row?.total ?? 0)
  }
}
