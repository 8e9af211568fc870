import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'

/**
 * Many residents at once, each with an email address, living in the ward
 * and consenting to the organisation: rows written in slices, as an import
 * would, so that a thousand take a moment. Answers their addresses by language.
 */
export async function manyResidents(
  wardIds: number[],
  organisationId: number,
  languages: Record<string, number>,
  label = 'many'
) {
  // Written as the core writes times, so that SQLite hands them back readable.
  const now = DateTime.utc().toSQL()!
  const residents = Object.entries(languages).flatMap(([language, count]) =>
    Array.from({ length: count }, (_, index) => ({
      email: `${label}-${language}-${index}@example.test`,
      language,
    }))
  )
  for (let start = 0; start < residents.length; start += 200) {
    const slice = residents.slice(start, start + 200)
    await db.table('residents').insert(
      slice.map((resident) => ({
        name: 'Resident',
        email: resident.email,
        status: 'active',
        source: 'import',
        language: resident.language,
        priority_threshold: 1,
        confirmed_at: now,
        email_verified_at: now,
        created_at: now,
        updated_at: now,
      }))
    )
    const ids = (
      await db
        .from('residents')
        .whereIn(
          'email',
          slice.map((resident) => resident.email)
        )
        .select('id')
    ).map((row) => Number(row.id))
    await db
      .table('resident_areas')
      .insert(ids.flatMap((id) => wardIds.map((areaId) => ({ resident_id: id, area_id: areaId }))))
    await db
      .table('consents')
      .insert(
        ids.map((id) => ({ resident_id: id, organisation_id: organisationId, granted_at: now }))
      )
  }
  const byLanguage: Record<string, string[]> = {}
  for (const resident of residents) (byLanguage[resident.language] ??= []).push(resident.email)
  return byLanguage
}
