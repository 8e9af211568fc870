import db from '@adonisjs/lucid/services/db'
import Alert, { UNSENT_STATUSES } from '#models/messaging/alert'
import Resident from '#models/residents/resident'
import AlertRating, { type Rating } from '#models/engagement/alert_rating'
import { sqlTime } from '#services/platform/infrastructure/sql_time'

export interface RatingSubject {
  alert: Alert
  residentId: number
  current: AlertRating | null
}

/**
 * Residents' ratings of the alerts they got: one per resident and alert.
 * Rating again (from any of the alert's links, or the rating page) changes it;
 * a link used again after the rating changed elsewhere may change it back, as
 * it is still the same resident's own choice. The signature, checked before
 * any of this, binds a link to one resident and one alert.
 */
export default class AlertRatings {
  /**
   * The alert and resident a verified link names, or null when either is gone
   * (an erased resident's old links record nothing and bring nothing back).
   */
  static async subject(alertId: number, residentId: number): Promise<RatingSubject | null> {
    const alert = await Alert.query().where('id', alertId).preload('organisation').first()
    if (!alert || UNSENT_STATUSES.includes(alert.status)) return null
    const resident = await Resident.find(residentId)
    if (!resident || resident.status === 'erased') return null
    const current = await AlertRating.query()
      .where('alert_id', alertId)
      .where('resident_id', residentId)
      .first()
    return { alert, residentId, current }
  }

  /** Records the rating, or changes the resident's earlier one (keeping their comment). */
  static async rate(subject: RatingSubject, rating: Rating) {
    const now = sqlTime()
    // Two clicks at once (a double submit) meet at the unique index: the later one wins.
    await db
      .table('alert_ratings')
      .insert({
        alert_id: subject.alert.id,
        resident_id: subject.residentId,
        organisation_id: subject.alert.organisationId,
        rating,
        comment: null,
        created_at: now,
        updated_at: now,
      })
      .onConflict(['alert_id', 'resident_id'])
      .merge({ rating, updated_at: now })
  }

  /** The resident's comment on their rating (they rate first); an empty one removes it. */
  static async comment(subject: RatingSubject, comment: string | null) {
    await db
      .from('alert_ratings')
      .where({ alert_id: subject.alert.id, resident_id: subject.residentId })
      .update({ comment: comment || null, updated_at: sqlTime() })
  }
}
