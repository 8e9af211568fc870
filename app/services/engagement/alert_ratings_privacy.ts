import db from '@adonisjs/lucid/services/db'
import type { PrivacyHooks } from '#contracts/privacy'
import { RATING_LABELS, type Rating } from '#models/engagement/alert_rating'
import { iso } from '#services/residents/privacy/resident_data_export'

/**
 * The resident's ratings of alerts and their comments, as a section of their
 * data download; erasure deletes them (the organisation's figures lose them).
 * Registered with the privacy registry at boot (start/registries.ts).
 */
export const alertRatingsPrivacy: PrivacyHooks = {
  async export(residentId: number) {
    const rows = await db
      .from('alert_ratings')
      .join('alerts', 'alerts.id', 'alert_ratings.alert_id')
      .join('organisations', 'organisations.id', 'alert_ratings.organisation_id')
      .where('alert_ratings.resident_id', residentId)
      .orderBy('alert_ratings.created_at')
      .orderBy('alert_ratings.id')
      .select(
        'alerts.title',
        'organisations.name as organisation',
        'alert_ratings.rating',
        'alert_ratings.comment',
        'alert_ratings.created_at',
        'alert_ratings.updated_at'
      )
    return rows.map((row) => ({
      alert: row.title,
      from: row.organisation,
      rating: RATING_LABELS[row.rating as Rating] ?? row.rating,
      comment: row.comment,
      ratedAt: iso(row.created_at),
      changedAt: iso(row.updated_at),
    }))
  },

  async erase({ residentId }) {
    await db.from('alert_ratings').where('resident_id', residentId).delete()
    // Their short rating links name them too (nothing to download: a code and a date).
    await db.from('rating_short_links').where('resident_id', residentId).delete()
  },
}
