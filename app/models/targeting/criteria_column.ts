import type { AudienceCriteria } from '#services/targeting/audience_query'

/** Targeting criteria kept as JSON text (SQLite answers text; PostgreSQL may answer parsed JSON). */
export const criteriaColumn = {
  prepare: (value: AudienceCriteria) => JSON.stringify(value),
  consume: (value: string | AudienceCriteria): AudienceCriteria =>
    typeof value === 'string' ? JSON.parse(value) : value,
}
