import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { sqlTime } from '#services/platform/infrastructure/sql_time'
import { identitiesOf } from '#services/residents/import/import_duplicates'
import {
  inChunks,
  skipAsDuplicate,
  type Candidate,
  type ImportContext,
  type NewResident,
} from '#services/residents/import/import_rows'

type IdentifiedRow = Pick<NewResident, 'email' | 'phone' | 'landline' | 'name'> & { id: number }

/**
 * Saves one batch of checked rows in the caller's transaction (returning the new residents' ids): the residents,
 * the areas they live in, their consent to the importing organisation, their
 * interests and an audit entry each (with the row and its consent evidence).
 */
export async function saveImportBatch(
  batch: Candidate[],
  context: ImportContext,
  importId: number,
  trx: TransactionClientContract
) {
  const now = sqlTime()
  const areas: { resident_id: number; area_id: number }[] = []
  const consents: { resident_id: number; organisation_id: number; granted_at: string }[] = []
  const interests: { resident_id: number; interest_id: number }[] = []
  const audit: Record<string, unknown>[] = []

  // Someone may have signed up with one of these emails or mobiles since the check;
  // the database skips that row rather than failing the whole batch. (Through knex:
  // Lucid leaves out RETURNING on SQLite, which has supported it since 3.35.)
  const inserted: IdentifiedRow[] = await trx
    .knexQuery()
    .table('residents')
    .insert(
      batch.map(({ resident }) => ({
        name: resident!.name,
        email: resident!.email,
        phone: resident!.phone,
        landline: resident!.landline,
        postcode: resident!.postcode,
        status: 'active',
        source: 'import',
        language: 'en',
        priority_threshold: 1,
        registered_by_user_id: context.userId,
        created_at: now,
        updated_at: now,
      }))
    )
    .onConflict()
    .ignore()
    .returning(['id', 'email', 'phone', 'landline', 'name'])
  // Rows come back matched by identity, not by position: the order RETURNING gives is not promised.
  const ids = new Map(inserted.map((row) => [identitiesOf(row)[0].id, Number(row.id)]))

  for (const candidate of batch) {
    const resident = candidate.resident!
    const residentId = ids.get(identitiesOf(resident)[0].id)
    if (!residentId) {
      skipAsDuplicate(
        candidate,
        'Already registered with Beacon (registered while the file was being imported)'
      )
      continue
    }
    candidate.report.residentId = residentId
    for (const areaId of resident.areaIds) areas.push({ resident_id: residentId, area_id: areaId })
    consents.push({
      resident_id: residentId,
      organisation_id: context.organisationId,
      granted_at: now,
    })
    for (const interestId of resident.interestIds) {
      interests.push({ resident_id: residentId, interest_id: interestId })
    }
    audit.push({
      user_id: context.userId,
      organisation_id: context.organisationId,
      action: 'resident.imported',
      subject_type: 'resident',
      subject_id: residentId,
      details: JSON.stringify({
        importId,
        filename: context.filename,
        row: candidate.report.row,
        consentEvidence: resident.consentEvidence,
      }),
      ip: context.ip,
      created_at: now,
    })
  }

  await insertAll(trx, 'resident_areas', areas)
  await insertAll(trx, 'consents', consents)
  await insertAll(trx, 'resident_interests', interests)
  await insertAll(trx, 'audit_logs', audit)
  return [...ids.values()]
}

async function insertAll(
  trx: TransactionClientContract,
  table: string,
  rows: Record<string, unknown>[]
) {
  for (const batch of inChunks(rows)) await trx.insertQuery().table(table).multiInsert(batch)
}
