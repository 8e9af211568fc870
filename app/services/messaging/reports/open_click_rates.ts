import db from '@adonisjs/lucid/services/db'

/** What the rates mean, said beside them on every page that shows them. */
export const OPEN_RATE_CAVEAT =
  'Opens are counted when the email’s tracking image loads, so the open rate is an estimate, not a count of readers. It misses residents whose mail app does not load images, and it is inflated by mail privacy features such as Apple Mail Privacy Protection, which load every image when the email arrives, whether or not it is read. A click also counts as an open. Clicks are a firmer figure. Residents who declined tracking, and emails sent while tracking was off, count as delivered but can never count as opened or clicked.'

/** Part of whole in percent, to one decimal place; null when there is no whole. */
const rate = (part: number, whole: number) =>
  whole === 0 ? null : Math.round((part / whole) * 1000) / 10

/**
 * One alert's open and click rates, for its delivery report: of the emails
 * the mail server accepted (sent, or confirmed delivered), how many were
 * opened at least once and how many had a link clicked (TrackedEmail,
 * EngagementRecorder). Two counts, through the ledger's (alert_id, status)
 * index and delivery_engagements' alert_id.
 */
export default class OpenClickRates {
  static async ofAlert(alertId: number) {
    const emails = await db
      .from('deliveries')
      .where('alert_id', alertId)
      .where('channel', 'email')
      .whereIn('status', ['sent', 'delivered'])
      .count('* as total')
      .first()
    const engaged = await db
      .from('delivery_engagements')
      .where('alert_id', alertId)
      .count('first_opened_at as opened')
      .count('first_clicked_at as clicked')
      .first()
    const delivered = Number(emails?.total ?? 0)
    const opened = Number(engaged?.opened ?? 0)
    const clicked = Number(engaged?.clicked ?? 0)
    return {
      delivered,
      opened,
      clicked,
      openRate: rate(opened, delivered),
      clickRate: rate(clicked, delivered),
    }
  }
}
