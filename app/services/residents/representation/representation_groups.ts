import db from '@adonisjs/lucid/services/db'
import type { DateTime } from 'luxon'
import { residentsOf } from '#services/residents/representation/residents_at'
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

export const COLUMNS: Record<Dimension, string> = {
  ageBand: 'age_band',
  sex: 'sex',
  ethnicity: 'ethnicity',
  disability: 'disability',
  mainLanguage: 'main_language',
}

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

/** The organisation's residents who answered the question, by answer, in those wards. */
export async function answers(
  organisationId: number,
  dimension: Dimension,
  wardIds: number[],
  at?: DateTime | null
) {
  const column = `demographics.${COLUMNS[dimension]}`
  const rows = await residentsOf(organisationId, at)
    .join('demographics', 'demographics.resident_id', 'residents.id')
    .whereNotNull(column)
    .whereNot(column, 'prefer_not_to_say')
    .whereExists((inWard) => {
      inWard
        .from('resident_areas')
        .whereRaw('resident_areas.resident_id = residents.id')
        .whereIn(
          'resident_areas.area_id',
          db
            .from('population_stats')
            .where('dimension', dimension)
            .whereIn('area_id', wardIds)
            .distinct('area_id')
        )
    })
    .groupBy(column)
    .select(`${column} as category`)
    .count('* as total')
  return new Map(rows.map((row) => [row.category as string, Number(row.total)]))
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
  where: { wardIds: number[]; wardId?: number; at?: DateTime | null }
): Promise<GroupFigure[]> {
  if (!where.wardIds.length) return []
  const everyone = await people(dimension, where.wardIds)
  if (!everyone.length) return []
  const answeredEverywhere = await answers(organisationId, dimension, where.wardIds, where.at)
  const totalPeople = sum(everyone.map((row) => Number(row.total)))
  const average = totalPeople ? (sum(answeredEverywhere.values()) / totalPeople) * 1000 : 0

  const one = where.wardId ? [where.wardId] : null
  const here = one ? await people(dimension, one) : everyone
  const answeredHere = one
    ? await answers(organisationId, dimension, one, where.at)
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
