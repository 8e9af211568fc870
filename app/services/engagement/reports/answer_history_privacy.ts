import db from '@adonisjs/lucid/services/db'
import type { PrivacyHooks } from '#contracts/privacy'
import { aboutYouLabel } from '#services/residents/preferences/resident_demographics'
import { iso } from '#services/residents/privacy/resident_data_export'

/**
 * The history of a resident's "About you" answers (resident_answer_log,
 * migration 0095), kept so that Who we reach can count a past date's
 * answers: it is their data as much as today's answers are, so it is in
 * their download. Erasure deletes it; the row the demographics trigger then
 * writes for the deleted answers holds no answer, and the figures drop the
 * resident through ResidentDayFigures.forget.
 */
export const answerHistoryPrivacy: PrivacyHooks = {
  async export(residentId: number) {
    const rows = await db
      .from('resident_answer_log')
      .where('resident_id', residentId)
      .orderBy('id')
      .select('answered_at', 'age_band', 'sex', 'ethnicity', 'disability', 'main_language')
    return rows.map((row) => ({
      // No date: the answers held when the history started, given at some earlier time.
      givenAt: row.answered_at ? iso(row.answered_at) : 'before the history was kept',
      ageBand: aboutYouLabel('ageBand', row.age_band),
      sex: aboutYouLabel('sex', row.sex),
      ethnicity: aboutYouLabel('ethnicity', row.ethnicity),
      disability: aboutYouLabel('disability', row.disability),
      mainLanguage: aboutYouLabel('mainLanguage', row.main_language),
    }))
  },

  async erase({ residentId }) {
    await db.from('resident_answer_log').where('resident_id', residentId).delete()
  },
}
