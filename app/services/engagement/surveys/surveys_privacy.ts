import db from '@adonisjs/lucid/services/db'
import type { PrivacyHooks } from '#contracts/privacy'
import { iso } from '#services/residents/privacy/resident_data_export'
import SurveyResponseRows from '#services/engagement/surveys/survey_response_rows'

/**
 * The resident's answers to surveys from their own links, as a section of
 * their data download; erasure deletes them and their answers (the figures
 * lose them). Public-link answers name nobody and are not theirs to find.
 * Registered with the privacy registry at boot (start/registries.ts).
 */
export const surveysPrivacy: PrivacyHooks = {
  async export(residentId: number) {
    const responses = await db
      .from('survey_responses')
      .join('surveys', 'surveys.id', 'survey_responses.survey_id')
      .join('organisations', 'organisations.id', 'surveys.organisation_id')
      .where('survey_responses.resident_id', residentId)
      .orderBy('survey_responses.created_at')
      .orderBy('survey_responses.id')
      .select(
        'survey_responses.id',
        'survey_responses.survey_id',
        'surveys.title',
        'organisations.name as organisation',
        'survey_responses.created_at',
        'survey_responses.updated_at'
      )
    const records = []
    for (const response of responses) {
      const answers = await SurveyResponseRows.answersOf(response.survey_id, response.id)
      for (const { question, answer } of answers) {
        records.push({
          survey: response.title,
          from: response.organisation,
          question,
          answer,
          answeredAt: iso(response.created_at),
          changedAt: iso(response.updated_at),
        })
      }
    }
    return records
  },

  async erase({ residentId }) {
    const ids = db.from('survey_responses').where('resident_id', residentId).select('id')
    await db.from('survey_answers').whereIn('response_id', ids).delete()
    await db.from('survey_responses').where('resident_id', residentId).delete()
  },
}
