import db from '@adonisjs/lucid/services/db'
import type Alert from '#models/messaging/alert'
import channelRegistry from '#services/platform/plugins/channel_registry'
import { DateTime } from 'luxon'
import { isRecordKind } from '#services/residents/contacts/working_contacts'
import {
  DELIVERY_STATUSES,
  type AlertProgressReport,
  type ProgressCounts,
} from '#services/messaging/delivery/alert_progress'
import type { FigureRow } from '#services/messaging/reports/delivery_figures'

type Status = (typeof DELIVERY_STATUSES)[number]

function emptyCounts(): ProgressCounts {
  return {
    total: 0,
    ...(Object.fromEntries(DELIVERY_STATUSES.map((status) => [status, 0])) as Record<
      Status,
      number
    >),
  }
}

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
 * The figures at the top of an alert's delivery report, from the alert and
 * DeliveryFigures' counts: when it was asked to go, when the first and last
 * deliveries were sent, when it finished; the counts by channel and status
 * (added up as AlertProgress adds them for the alert page); and
 * per channel, how many deliveries needed more than one try and how many
 * failures left the contact suppressed.
 */
export default class DeliveryReport {
  static async of(alert: Alert, figures: FigureRow[]) {
    const progress: AlertProgressReport = { ...emptyCounts(), byChannel: {} }
    const retries = new Map<
      string,
      Pick<ChannelFigures, 'retried' | 'retriedThenSent' | 'retryWaiting'>
    >()
    let firstSent: number | null = null
    let lastSent: number | null = null
    for (const row of figures) {
      // As AlertProgress counts them: a confirmed delivery was sent too.
      const channel = (progress.byChannel[row.channel] ??= emptyCounts())
      for (const counts of [channel, progress]) {
        counts.total += row.total
        if (row.status in counts) counts[row.status as Status] += row.total
        if (row.status === 'delivered') counts.sent += row.total
      }
      if (row.retried) {
        const retried = retries.get(row.channel) ?? {
          retried: 0,
          retriedThenSent: 0,
          retryWaiting: 0,
        }
        retries.set(row.channel, retried)
        retried.retried += row.total
        if (row.status === 'sent' || row.status === 'delivered')
          retried.retriedThenSent += row.total
        if (row.status === 'pending') retried.retryWaiting += row.total
      }
      if ((row.status === 'sent' || row.status === 'delivered') && row.minute !== null) {
        firstSent = firstSent === null ? row.minute : Math.min(firstSent, row.minute)
        lastSent = lastSent === null ? row.minute : Math.max(lastSent, row.minute)
      }
    }

    const channels: ChannelFigures[] = []
    for (const channel of Object.keys(progress.byChannel).sort()) {
      channels.push({
        channel,
        label: channelRegistry.registered(channel)?.label ?? channel,
        retried: 0,
        retriedThenSent: 0,
        retryWaiting: 0,
        ...retries.get(channel),
        suppressed:
          progress.byChannel[channel].failed > 0 ? await this.suppressed(alert.id, channel) : 0,
      })
    }
    const sum = (field: keyof Omit<ChannelFigures, 'channel' | 'label'>) =>
      channels.reduce((total, one) => total + one[field], 0)
    const minute = (value: number | null) =>
      value === null ? null : DateTime.fromSeconds(value * 60, { zone: 'utc' })
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
        // To the minute: the report shows times to the minute.
        firstSentAt: minute(firstSent),
        lastSentAt: minute(lastSent),
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
