import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type Survey from '#models/engagement/survey'
import type { AnswerRow } from '#services/engagement/surveys/survey_answer_check'
import { sqlTime } from '#services/platform/infrastructure/sql_time'

/** Storing a response: anonymous from the public link, or the resident's one from their signed link. */
export default class SurveyResponses {
  /** Anonymous: a new response every time; nothing names who answered. */
  static async recordAnonymous(survey: Survey, rows: AnswerRow[]) {
    await db.transaction(async (trx) => {
      const now = sqlTime()
      const [inserted] = await trx
        .table('survey_responses')
        .insert({
          survey_id: survey.id,
          resident_id: null,
          area_id: null,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
      await this.#answers(trx, this.#id(inserted), rows)
    })
  }

  /**
   * The resident's one response: answering again replaces their answers
   * (they may change them until the survey closes). Their ward at the time is
   * kept for the breakdown by area.
   */
  static async recordForResident(survey: Survey, residentId: number, rows: AnswerRow[]) {
    const areaId = await this.#wardOf(residentId)
    await db.transaction(async (trx) => {
      const now = sqlTime()
      const existing = await trx
        .from('survey_responses')
        .where({ survey_id: survey.id, resident_id: residentId })
        .forUpdate()
        .first()
      let responseId: number
      if (existing) {
        responseId = existing.id
        await trx
          .from('survey_responses')
          .where('id', responseId)
          .update({ area_id: areaId, updated_at: now })
        await trx.from('survey_answers').where('response_id', responseId).delete()
      } else {
        const [inserted] = await trx
          .table('survey_responses')
          .insert({
            survey_id: survey.id,
            resident_id: residentId,
            area_id: areaId,
            created_at: now,
            updated_at: now,
          })
          .returning('id')
        responseId = this.#id(inserted)
      }
      await this.#answers(trx, responseId, rows)
    })
  }

  /** The resident's answers so far, by question, to fill their form in again. */
  static async previous(surveyId: number, residentId: number) {
    const rows = await db
      .from('survey_answers')
      .join('survey_responses', 'survey_responses.id', 'survey_answers.response_id')
      .where('survey_responses.survey_id', surveyId)
      .where('survey_responses.resident_id', residentId)
      .select('survey_answers.question_id', 'survey_answers.value', 'survey_answers.text')
    if (rows.length === 0) {
      const response = await db
        .from('survey_responses')
        .where({ survey_id: surveyId, resident_id: residentId })
        .first()
      if (!response) return null
    }
    const given: Record<string, string[]> = {}
    for (const row of rows) {
      const field = `q${row.question_id}`
      given[field] = [...(given[field] ?? []), row.text ?? String(row.value)]
    }
    return given
  }

  static async #wardOf(residentId: number) {
    const area = await db
      .from('resident_areas')
      .join('areas', 'areas.id', 'resident_areas.area_id')
      .where('resident_areas.resident_id', residentId)
      .orderByRaw("case when areas.level = 'ward' then 0 else 1 end")
      .orderBy('areas.id')
      .select('areas.id')
      .first()
    return area?.id ?? null
  }

  static async #answers(trx: TransactionClientContract, responseId: number, rows: AnswerRow[]) {
    if (rows.length === 0) return
    await trx.table('survey_answers').multiInsert(
      rows.map((row) => ({
        response_id: responseId,
        question_id: row.questionId,
        value: row.value,
        text: row.text,
      }))
    )
  }

  static #id(inserted: number | { id: number }) {
    return typeof inserted === 'object' ? inserted.id : inserted
  }
}
