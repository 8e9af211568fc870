import Scheme from '#models/residents/scheme'
import type {
  AreaReference,
  AreaReferenceQuestion,
} from '#services/areas/boundaries/area_references'

/** Watch schemes placed in areas about to go (registered with the areas module at boot). */
export async function schemeAreaReferences({ areaIds, codesOf, trx }: AreaReferenceQuestion) {
  const schemes = await Scheme.query({ client: trx }).whereIn('area_id', areaIds).orderBy('name')
  return schemes.map((scheme): AreaReference => ({
    kind: 'scheme',
    id: scheme.id,
    name: scheme.name,
    areaCodes: codesOf([scheme.areaId!]),
  }))
}
