import db from '@adonisjs/lucid/services/db'
import type { DateTime } from 'luxon'
import {
  COLUMNS,
  SqlResidentCounts,
  wardsWithFigures,
  type ResidentCounts,
} from '#services/residents/representation/resident_counts'
import { CATEGORIES, type Dimension } from '#services/areas/population/census_categories'
import { aboutYouLabel } from '#services/residents/preferences/resident_demographics'
import {
  estimate,
  protectDifferences,
} from '#services/residents/representation/representation_estimate'
import type { GroupFigure } from '#services/residents/representation/representation_figures'

export const DIMENSION_LABELS: Record<Dimension, string> = {
  ageBand: 'Age',
  sex: 'Sex',
  ethnicity: 'Ethnic group',
  disability: 'Disability',
  mainLanguage: 'Main language',
}

export { COLUMNS }

export const groupName = (dimension: Dimension, category: string) =>
  `${DIMENSION_LABELS[dimension]}: ${aboutYouLabel(dimension, category) ?? category}`

/** People of each category in the wards given. */
export function people(dimension: Dimension, wardIds: number[]) {
  return db
    .from('population_stats')
    .where('dimension', dimension)
    .whereIn('area_id', wardIds)
    .groupBy('category')
    .select('category')
    .sum('count as total')
}

const sum = (values: Iterable<number>) => [...values].reduce((a, b) => a + b, 0)

/**
 * One question's groups: residents who gave each answer per 1,000 people of
 * that group, against the rate of everyone who answered it across the whole
 * area (so a ward's groups are compared with the same average as the area's).
 */
export async function groupFigures(
  organisationId: number,
  dimension: Dimension,
  where: { wardIds: number[]; wardId?: number; at?: DateTime | null; counts?: ResidentCounts }
): Promise<GroupFigure[]> {
  if (!where.wardIds.length) return []
  const everyone = await people(dimension, where.wardIds)
  if (!everyone.length) return []
  const counts = where.counts ?? new SqlResidentCounts(organisationId, where.at)
  // Residents are counted in the wards with figures for the question, as its people are.
  const figured = await wardsWithFigures(dimension, where.wardIds)
  const answeredEverywhere = await counts.answers(dimension, figured)
  const totalPeople = sum(everyone.map((row) => Number(row.total)))
  const average = totalPeople ? (sum(answeredEverywhere.values()) / totalPeople) * 1000 : 0

  const one = where.wardId ? [where.wardId] : null
  const here = one ? await people(dimension, one) : everyone
  const answeredHere = one
    ? await counts.answers(
        dimension,
        one.filter((id) => figured.includes(id))
      )
    : answeredEverywhere
  const order = (category: string) => CATEGORIES[dimension].indexOf(category)
  here.sort((a, b) => order(a.category) - order(b.category))
  return protectDifferences(
    here.map((row) => ({
      kind: 'group' as const,
      dimension,
      category: row.category,
      name: groupName(dimension, row.category),
      ...estimate(answeredHere.get(row.category) ?? 0, Number(row.total), average),
    }))
  )
}
