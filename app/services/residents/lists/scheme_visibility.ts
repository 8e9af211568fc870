import { VIRTUAL_SCHEME_KIND, type SchemeKind } from '#models/residents/scheme'
import { shapeContains, type PlaceShape } from '#services/areas/shape_contains'

interface Listed {
  id: number
  kind: SchemeKind
  shape: PlaceShape | null
}

/**
 * The schemes a resident may see and join: every scheme an organisation
 * keeps, and the virtual watch groups whose shape holds their home (or that
 * they are in already, so they can leave one after moving away). A resident
 * known only by their ward has no point to be inside a group.
 */
export function schemesOpenTo<T extends Listed>(
  schemes: T[],
  home: { lat: number | null; lng: number | null },
  joinedIds: number[] = []
) {
  return schemes.filter(
    (scheme) =>
      scheme.kind !== VIRTUAL_SCHEME_KIND ||
      joinedIds.includes(scheme.id) ||
      (scheme.shape !== null &&
        home.lat !== null &&
        home.lng !== null &&
        shapeContains(scheme.shape, home.lat, home.lng))
  )
}
