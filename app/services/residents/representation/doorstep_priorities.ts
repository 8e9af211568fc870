import { DIMENSIONS } from '#services/areas/population/census_categories'
import { groupFigures } from '#services/residents/representation/representation_groups'
import { byUnderRepresentation } from '#services/residents/representation/representation_estimate'
import RepresentationFigures, {
  type AreaFigure,
  type GroupFigure,
} from '#services/residents/representation/representation_figures'

export type Whereabouts = { lat: number; lng: number } | { wardId: number }

export interface NearbyArea {
  figure: AreaFigure
  kilometres: number
}

export interface DoorstepPriorities {
  /** The ward the officer picked, when they did. */
  fromWard: string | null
  areas: NearbyArea[]
  groups: GroupFigure[]
  /** The ward the groups near the officer are counted in: theirs, or the nearest with figures. */
  groupsWard: string | null
  /** Groups clearly under-represented in that ward. */
  wardGroups: GroupFigure[]
  hasCensus: boolean
}

const NEARBY = 5

/** Great-circle distance in kilometres (haversine): plenty for "which ward is nearer". */
function kilometres(a: { lat: number; lng: number }, b: { lat: number; lng: number }) {
  const radians = (degrees: number) => (degrees * Math.PI) / 180
  const dLat = radians(b.lat - a.lat)
  const dLng = radians(b.lng - a.lng)
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(radians(a.lat)) * Math.cos(radians(b.lat)) * Math.sin(dLng / 2) ** 2
  return 2 * 6371 * Math.asin(Math.sqrt(h))
}

/**
 * For the officer's doorstep page: the under-represented wards nearest to
 * where they are (their shared position, or the ward they picked), so that
 * sign-up drives go where they count, and the groups least reached across the
 * area. Only the report's figures, with its small-number rules.
 */
export default class DoorstepPrioritiesFinder {
  static async near(organisationId: number, whereabouts: Whereabouts): Promise<DoorstepPriorities> {
    const figures = await RepresentationFigures.of(organisationId)
    const under = figures.ranked.filter(
      (row): row is AreaFigure => row.kind === 'area' && row.level === 'ward' && row.centre !== null
    )
    let point: { lat: number; lng: number } | null = null
    let fromWard: string | null = null
    if ('wardId' in whereabouts) {
      const ward = figures.wards.find((one) => one.id === whereabouts.wardId)
      point = ward?.centre ?? null
      fromWard = ward?.name ?? null
    } else {
      point = whereabouts
    }
    const areas = point
      ? under
          .map((figure) => ({ figure, kilometres: kilometres(point!, figure.centre!) }))
          .sort((a, b) => a.kilometres - b.kilometres)
          .slice(0, NEARBY)
      : []
    // The officer's ward, or the ward with figures nearest their position.
    const home =
      'wardId' in whereabouts
        ? figures.wards.find((one) => one.id === whereabouts.wardId)
        : point
          ? figures.wards
              .filter((ward) => ward.centre)
              .sort((a, b) => kilometres(point!, a.centre!) - kilometres(point!, b.centre!))[0]
          : undefined
    const inWard = home
      ? await Promise.all(
          DIMENSIONS.map((one) =>
            groupFigures(organisationId, one, { wardIds: figures.wardIds, wardId: home.id })
          )
        )
      : []
    return {
      groupsWard: home?.name ?? null,
      wardGroups: byUnderRepresentation(inWard.flat()).slice(0, NEARBY),
      fromWard,
      areas,
      groups: figures.ranked
        .filter((row): row is GroupFigure => row.kind === 'group')
        .slice(0, NEARBY),
      hasCensus: figures.censusLoaded,
    }
  }
}
