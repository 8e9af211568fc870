import Segment from '#models/targeting/segment'
import type {
  AreaReference,
  AreaReferenceQuestion,
} from '#services/areas/boundaries/area_references'

/** Saved segments naming areas about to go (registered with the areas module at boot). */
export async function segmentAreaReferences({ codesOf, trx }: AreaReferenceQuestion) {
  const references: AreaReference[] = []
  for (const segment of await Segment.query({ client: trx }).orderBy('name')) {
    const areaCodes = codesOf(segment.criteria.areaIds)
    if (areaCodes.length) {
      references.push({ kind: 'segment', id: segment.id, name: segment.name, areaCodes })
    }
  }
  return references
}
