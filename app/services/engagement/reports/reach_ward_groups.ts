import { DIMENSIONS, type Dimension } from '#services/areas/population/census_categories'
import { DIMENSION_LABELS } from '#services/residents/representation/representation_groups'
import type { Representation } from '#services/residents/representation/representation_figures'
import { wardGroupFigures } from '#services/residents/representation/ward_group_figures'
import type { AsAt } from '#services/engagement/reports/reach_as_at'
import ReachCountsFromIndex from '#services/engagement/reports/reach_counts_from_index'
import ReachWardList from '#services/engagement/reports/reach_ward_list'
import ReachWardGroupsTable from '#services/engagement/reports/reach_ward_groups_table'

/**
 * Who we reach's wards by group: the question chosen (or the first with
 * Census figures), each ward's groups worked out across every ward (the
 * hiding of small numbers looks along each group's column), then a page of
 * wards by name, or all of them for the CSV.
 */
export default class ReachWardGroups {
  static options() {
    return DIMENSIONS.map((value) => ({ value, label: DIMENSION_LABELS[value] }))
  }

  static dimension(figures: Representation, chosen?: Dimension): Dimension {
    return chosen ?? figures.groups[0]?.dimension ?? DIMENSIONS[0]
  }

  static async page(
    organisationId: number,
    figures: Representation,
    asAt: AsAt,
    filters: { groupsBy?: Dimension; groupsPage?: number }
  ) {
    const dimension = this.dimension(figures, filters.groupsBy)
    const byWard = await this.#byWard(organisationId, dimension, figures, asAt)
    const page = ReachWardList.page(figures.wards, { sort: 'name', page: filters.groupsPage })
    return {
      dimension,
      total: page.total,
      page: page.page,
      hasFigures: byWard.byWard.size > 0,
      table: ReachWardGroupsTable.build(dimension, page.rows, byWard, asAt.query),
    }
  }

  static async all(
    organisationId: number,
    figures: Representation,
    asAt: AsAt,
    filters: { groupsBy?: Dimension }
  ) {
    const dimension = this.dimension(figures, filters.groupsBy)
    const byWard = await this.#byWard(organisationId, dimension, figures, asAt)
    return ReachWardGroupsTable.build(dimension, figures.wards, byWard, asAt.query)
  }

  /** Every ward's groups for the question, counted as the date asks (the index for today). */
  static #byWard(
    organisationId: number,
    dimension: Dimension,
    figures: Representation,
    asAt: AsAt
  ) {
    return wardGroupFigures(
      organisationId,
      dimension,
      figures.wardIds,
      asAt.at,
      ReachCountsFromIndex.at(organisationId, asAt.at)
    )
  }
}
