import db from '@adonisjs/lucid/services/db'
import organisationChannelRegistry from '#services/platform/plugins/organisation_channel_registry'

export interface TargetChannelSummary {
  channel: string
  /** The channel's label: "Webhooks". */
  label: string
  delivered: number
  waiting: number
  failed: number
  cancelled: number
  /** Each failed target with its reason, for staff to fix. */
  failures: { target: string; reason: string }[]
  /** Targets waiting to be tried again, with what went wrong last time. */
  retrying: { target: string; reason: string }[]
}

/**
 * What became of an alert's organisation channels, for the staff alert page:
 * "Webhooks: 2 delivered, 1 failed: hooks.example.org – the receiver answered 404".
 */
export default class TargetDeliverySummary {
  static async of(alertId: number): Promise<TargetChannelSummary[]> {
    const rows = await db
      .from('target_deliveries')
      .where('alert_id', alertId)
      .orderBy('channel')
      .orderBy('id')
      .select('channel', 'status', 'target_label', 'error')
    const byChannel = new Map<string, TargetChannelSummary>()
    for (const row of rows) {
      let summary = byChannel.get(row.channel)
      if (!summary) {
        summary = {
          channel: row.channel,
          label: organisationChannelRegistry.label(row.channel),
          delivered: 0,
          waiting: 0,
          failed: 0,
          cancelled: 0,
          failures: [],
          retrying: [],
        }
        byChannel.set(row.channel, summary)
      }
      if (row.status === 'sent') summary.delivered++
      else if (row.status === 'failed') {
        summary.failed++
        summary.failures.push({ target: row.target_label, reason: row.error ?? 'No reason given' })
      } else if (row.status === 'cancelled') summary.cancelled++
      else {
        summary.waiting++
        if (row.error) summary.retrying.push({ target: row.target_label, reason: row.error })
      }
    }
    return [...byChannel.values()]
  }
}
