import db from '@adonisjs/lucid/services/db'
import type { DateTime } from 'luxon'
import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import { sqlTime } from '#services/platform/infrastructure/sql_time'
import { alertsOf } from '#services/messaging/joint_alert_scope'

/**
 * An alert counts in the period it was sent: when it was dispatched
 * (alerts.dispatched_at, written once as the send starts), whether it then
 * finished, was paused or was cancelled. Drafts and alerts still waiting
 * are not counted. A joint alert counts for both organisations (alertsOf).
 *
 * A delivery counts in the period its alert was sent, whenever it went
 * out: the report reads the ledger through its alerts. Every figure is one
 * GROUP BY in the database, this period and the previous one side by side
 * (a CASE names which): alerts through their (organisation_id, created_at)
 * index — an organisation sends thousands of alerts, not millions — and
 * their deliveries through the ledger's (alert_id, status) index. No index
 * of its own: each index is one more write per delivery on the send path.
 * Measured on PostgreSQL with 10 million deliveries on two busy CPUs: a
 * month and the one before 1.1 s, a year and the one before 3.6 s (the
 * planner prefers one read of the whole ledger to tens of thousands of
 * index look-ups, even for a fortnight's alerts). So a finished alert's
 * deliveries are counted once, into alert_delivery_figures
 * (AlertDeliveryFigures), and only alerts still going read the ledger.
 */
function inPeriods(current: { from: DateTime; until: DateTime }, previous: { from: DateTime }) {
  return {
    sql: `CASE WHEN alerts.dispatched_at >= ? THEN 'current' ELSE 'previous' END`,
    bindings: [sqlTime(current.from)],
    from: sqlTime(previous.from),
    until: sqlTime(current.until),
  }
}

export interface Periods {
  current: { from: DateTime; until: DateTime }
  previous: { from: DateTime; until: DateTime }
}

export interface PairedCount {
  key: string
  current: number
  previous: number
}

/** The ledger's statuses, as the report groups them. */
export const OUTCOMES = {
  // Accepted by the provider; "delivered" is the provider confirming it arrived.
  sent: ['sent', 'delivered'],
  failed: ['failed'],
  // Still to go, or not sent: skipped (the resident's rules) or cancelled with the alert.
  other: ['pending', 'sending', 'skipped', 'cancelled'],
} as const

export interface ChannelOutcomes {
  channel: string
  current: Record<'sent' | 'delivered' | 'failed' | 'other' | 'total', number>
  previous: Record<'sent' | 'delivered' | 'failed' | 'other' | 'total', number>
}

export default class AlertFigures {
  /** Alerts sent, by a column of theirs (category or priority), this period and the previous. */
  static async alertsBy(organisationId: number, column: 'category' | 'priority', periods: Periods) {
    const window = inPeriods(periods.current, periods.previous)
    const rows = await db
      .from('alerts')
      .where(alertsOf(organisationId))
      .where('dispatched_at', '>=', window.from)
      .where('dispatched_at', '<', window.until)
      .select(`${column} as key`, db.raw(`${window.sql} as period`, window.bindings))
      .count('* as total')
      .groupBy(column, 'period')
    return paired(rows)
  }

  /** Alerts sent by category and priority together, this period only: the chart's stacks. */
  static async categoryByPriority(organisationId: number, current: Periods['current']) {
    const rows = await db
      .from('alerts')
      .where(alertsOf(organisationId))
      .where('dispatched_at', '>=', sqlTime(current.from))
      .where('dispatched_at', '<', sqlTime(current.until))
      .select('category', 'priority')
      .count('* as total')
      .groupBy('category', 'priority')
    return rows.map((row) => ({
      category: row.category === null ? '' : String(row.category),
      priority: Number(row.priority),
      total: Number(row.total),
    }))
  }

  /** The deliveries of the period's alerts, by channel and outcome, this period and the previous. */
  static async deliveriesByChannel(organisationId: number, periods: Periods, live = false) {
    const window = inPeriods(periods.current, periods.previous)
    const sent = (table: string) =>
      db
        .from(table)
        .join('alerts', 'alerts.id', `${table}.alert_id`)
        .where(alertsOf(organisationId))
        .where('alerts.dispatched_at', '>=', window.from)
        .where('alerts.dispatched_at', '<', window.until)
        .select(
          `${table}.channel`,
          `${table}.status`,
          db.raw(`${window.sql} as period`, window.bindings)
        )
        .groupBy(`${table}.channel`, `${table}.status`, 'period')
    const sealed = (query: DatabaseQueryBuilderContract, not: boolean) => {
      const seal = (sub: DatabaseQueryBuilderContract) =>
        sub.from('alert_figure_seals').whereColumn('alert_figure_seals.alert_id', 'alerts.id')
      return not ? query.whereNotExists(seal) : query.whereExists(seal)
    }
    // Finished alerts from their figures (AlertDeliveryFigures), the rest from the ledger.
    const fromLedger = sent('deliveries').count('* as total')
    const rows = live
      ? await fromLedger
      : [
          ...(await sealed(sent('alert_delivery_figures'), false).sum(
            'alert_delivery_figures.total as total'
          )),
          ...(await sealed(fromLedger, true)),
        ]
    const byChannel = new Map<string, ChannelOutcomes>()
    const empty = () => ({ sent: 0, delivered: 0, failed: 0, other: 0, total: 0 })
    for (const row of rows) {
      const channel = String(row.channel)
      if (!byChannel.has(channel))
        byChannel.set(channel, { channel, current: empty(), previous: empty() })
      const counts = byChannel.get(channel)![row.period === 'current' ? 'current' : 'previous']
      const total = Number(row.total)
      const status = String(row.status)
      const outcome = (Object.keys(OUTCOMES) as (keyof typeof OUTCOMES)[]).find((key) =>
        (OUTCOMES[key] as readonly string[]).includes(status)
      )
      counts[outcome ?? 'other'] += total
      if (status === 'delivered') counts.delivered += total
      counts.total += total
    }
    return [...byChannel.values()].sort((a, b) => a.channel.localeCompare(b.channel))
  }
}

function paired(rows: Record<string, unknown>[]): PairedCount[] {
  const byKey = new Map<string, PairedCount>()
  for (const row of rows) {
    const key = row.key === null ? '' : String(row.key)
    if (!byKey.has(key)) byKey.set(key, { key, current: 0, previous: 0 })
    byKey.get(key)![row.period === 'current' ? 'current' : 'previous'] += Number(row.total)
  }
  return [...byKey.values()]
}

/** Failed as a share of the deliveries that had an outcome (sent or failed), in percent to one decimal place; null when none had. */
export function failureRate(counts: { sent: number; failed: number }) {
  const decided = counts.sent + counts.failed
  return decided === 0 ? null : Math.round((counts.failed / decided) * 1000) / 10
}
