import type { Cell } from '#services/engagement/reports/report_table'
import type { Dimension } from '#services/areas/population/census_categories'
import type { AreaFigure } from '#services/residents/representation/representation_figures'
import type { WardGroups } from '#services/residents/representation/ward_group_figures'
import { DIMENSION_LABELS } from '#services/residents/representation/representation_groups'
import { aboutYouLabel } from '#services/residents/preferences/resident_demographics'
import {
  estimateCells,
  reachCsvUrl,
  type RepresentationReportTable,
} from '#services/engagement/reports/representation_report'

// estimateCells' rate and ratio: so a cell here is hidden exactly as in the other tables.
const RATE = 2
const RATIO = 3
const NO_FIGURES = 'No Census figures'

/**
 * Reports → Who we reach, wards by group: for one question of "About you",
 * each ward's residents per 1,000 people of each group, and that compared
 * with the average of everyone who answered it across the area. Counts are
 * left out (the groups table has them for the whole area); hidden cells are
 * ward_group_figures.ts's, so no hidden figure can be worked out from the
 * rows or columns around it.
 */
export default class ReachWardGroupsTable {
  static build(
    dimension: Dimension,
    wards: AreaFigure[],
    figures: WardGroups,
    query: Record<string, string> = {}
  ): RepresentationReportTable {
    const label = (category: string) => aboutYouLabel(dimension, category) ?? category
    const categories = figures.categories.filter((category) =>
      [...figures.byWard.values()].some((groups) => groups.some((g) => g.category === category))
    )
    return {
      id: 'ward-groups-reach',
      caption: `Wards by ${DIMENSION_LABELS[dimension].toLocaleLowerCase()}`,
      areaCodes: wards.map((ward) => ward.code),
      columns: [
        { heading: 'Ward', kind: 'label' },
        { heading: 'District', kind: 'label' },
        ...categories.flatMap((category) => [
          { heading: `${label(category)}: residents per 1,000 people`, kind: 'count' as const },
          { heading: `${label(category)}: compared with the average`, kind: 'count' as const },
        ]),
      ],
      rows: wards.map((ward) => {
        const groups = figures.byWard.get(ward.id) ?? []
        const cells: Cell[] = categories.flatMap((category) => {
          const figure = groups.find((group) => group.category === category)
          if (!figure) return [NO_FIGURES, NO_FIGURES]
          const shown = estimateCells(figure)
          return [shown[RATE], shown[RATIO]]
        })
        return [ward.name, ward.district ?? '', ...cells]
      }),
      csvUrl: reachCsvUrl('ward-groups', { ...query, groupsBy: dimension }),
      note: 'Each ward’s residents who answered, per 1,000 people of the group living there, compared with the rate of everyone who answered across your area. Where a figure is too small to show, another beside it is hidden too, so that it cannot be worked out.',
    }
  }
}
