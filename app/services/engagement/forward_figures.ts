import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { LONDON } from '#services/platform/infrastructure/london_time'
import { sqlTime } from '#services/platform/infrastructure/sql_time'

export interface ForwardCounts {
  /** Emails sent for residents, and copied links that someone opened. */
  forwards: number
  byEmail: number
  byLink: number
  /** Distinct people who opened a forward, each counted once per alert. */
  reached: number
  /** Residents who signed up from a forward and confirmed. */
  signedUp: number
}

type Scope = (query: any) => void

/**
 * What sharing alerts achieved: "406 forwards reached 2,436 extra people; 31
 * signed up". A copied link counts as a forward once someone opens it: until
 * then nothing shows it was passed on (mail scanners open the share page too).
 */
export default class ForwardFigures {
  static forAlert(alertId: number) {
    return this.#counts((query) => query.where('alert_forwards.alert_id', alertId))
  }

  /** The organisation's forwards made in [from, until). */
  static between(organisationId: number, from: DateTime, until: DateTime) {
    return this.#counts((query) =>
      query
        .where('alert_forwards.organisation_id', organisationId)
        .where('alert_forwards.created_at', '>=', sqlTime(from))
        .where('alert_forwards.created_at', '<', sqlTime(until))
    )
  }

  /** The organisation's figures by the month (UK time) the forwards were made, the current month last. */
  static async byMonth(organisationId: number, months: number, now = DateTime.now()) {
    const thisMonth = now.setZone(LONDON).startOf('month')
    const rows = []
    for (let back = months - 1; back >= 0; back--) {
      const start = thisMonth.minus({ months: back })
      const end = start.plus({ months: 1 })
      const counts = await this.between(organisationId, start, end)
      rows.push({ month: start.setLocale('en-GB').toFormat('LLLL yyyy'), counts })
    }
    const totals: ForwardCounts = { forwards: 0, byEmail: 0, byLink: 0, reached: 0, signedUp: 0 }
    for (const { counts } of rows) {
      for (const key of Object.keys(totals) as (keyof ForwardCounts)[]) totals[key] += counts[key]
    }
    return { rows, totals }
  }

  static async #counts(scope: Scope): Promise<ForwardCounts> {
    const opened = db
      .from('alert_forward_visits')
      .whereRaw('alert_forward_visits.forward_id = alert_forwards.id')
    const kinds = await db
      .from('alert_forwards')
      .where(scope)
      .where((query) => query.where('kind', 'email').orWhereExists(opened))
      .select('kind')
      .count('* as total')
      .groupBy('kind')
    const byKind = (kind: string) => Number(kinds.find((row) => row.kind === kind)?.total ?? 0)
    // People reached: distinct visitors per alert, summed over the alerts in scope.
    const perAlert = db
      .from('alert_forward_visits')
      .join('alert_forwards', 'alert_forwards.id', 'alert_forward_visits.forward_id')
      .where(scope)
      .select('alert_forwards.alert_id', 'alert_forward_visits.visitor')
      .groupBy('alert_forwards.alert_id', 'alert_forward_visits.visitor')
      .as('people')
    const reached = await db.from(perAlert).count('* as total').first()
    const signedUp = await db
      .from('residents')
      .join('alert_forwards', 'residents.referral', db.raw(`'forward:' || alert_forwards.id`))
      .where(scope)
      .where('residents.status', 'active')
      .count('* as total')
      .first()
    return {
      forwards: byKind('email') + byKind('link'),
      byEmail: byKind('email'),
      byLink: byKind('link'),
      reached: Number(reached?.total ?? 0),
      signedUp: Number(signedUp?.total ?? 0),
    }
  }
}
