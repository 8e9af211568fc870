import db from '@adonisjs/lucid/services/db'
import type { DateTime } from 'luxon'
import { CATEGORIES, type Dimension } from '#services/areas/population/census_categories'
import { groupName } from '#services/residents/representation/representation_groups'
import {
  SqlResidentCounts,
  type ResidentCounts,
} from '#services/residents/representation/resident_counts'
import {
  estimate,
  protectDifferences,
} from '#services/residents/representation/representation_estimate'
import type { GroupFigure } from '#services/residents/representation/representation_figures'

export interface WardGroups {
  /** The dimension's categories, in the order of the question. */
  categories: string[]
  /** Each ward's groups, in that order; a ward without Census figures for it has none. */
  byWard: Map<number, GroupFigure[]>
}

/**
 * Each ward's groups of one question, against the rate of everyone who
 * answered it across the whole area (as the report's groups are). Two
 * grouped reads, whatever the number of wards.
 *
 * Small numbers: a ward's groups add up to its residents who answered, and
 * one group's wards add up to the group's figure in the report's groups
 * table, so a cell hidden alone in its row or its column would be found by
 * subtraction. Hiding a second one in the row, then in the column, is
 * repeated until no row or column has a single hidden cell.
 */
export async function wardGroupFigures(
  organisationId: number,
  dimension: Dimension,
  wardIds: number[],
  at?: DateTime | null,
  counts: ResidentCounts = new SqlResidentCounts(organisationId, at)
): Promise<WardGroups> {
  const byWard = new Map<number, GroupFigure[]>()
  const categories = CATEGORIES[dimension]
  if (!wardIds.length) return { categories, byWard }
  const people = await db
    .from('population_stats')
    .where('dimension', dimension)
    .whereIn('area_id', wardIds)
    .select('area_id', 'category', 'count')
  if (!people.length) return { categories, byWard }
  const answered = await counts.answersByWard(dimension, [
    ...new Set(people.map((row) => Number(row.area_id))),
  ])
  const totalPeople = people.reduce((sum, row) => sum + Number(row.count), 0)
  const totalAnswered = [...answered.values()]
    .flatMap((ward) => [...ward.values()])
    .reduce((sum, total) => sum + total, 0)
  const average = totalPeople ? (totalAnswered / totalPeople) * 1000 : 0

  const order = (category: string) => categories.indexOf(category)
  for (const row of [...people].sort((a, b) => order(a.category) - order(b.category))) {
    const groups = byWard.get(row.area_id) ?? []
    groups.push({
      kind: 'group',
      dimension,
      category: row.category,
      name: groupName(dimension, row.category),
      ...estimate(
        answered.get(Number(row.area_id))?.get(row.category) ?? 0,
        Number(row.count),
        average
      ),
    })
    byWard.set(row.area_id, groups)
  }
  protectRowsAndColumns(byWard, categories)
  return { categories, byWard }
}

function protectRowsAndColumns(byWard: Map<number, GroupFigure[]>, categories: string[]) {
  const hiddenCount = () => [...byWard.values()].flat().filter((figure) => figure.suppressed).length
  let before = -1
  while (before !== hiddenCount()) {
    before = hiddenCount()
    for (const row of byWard.values()) protectDifferences(row)
    for (const category of categories) {
      protectDifferences(
        [...byWard.values()].flat().filter((figure) => figure.category === category)
      )
    }
  }
}
