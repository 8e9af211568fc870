import Alert, { UNSENT_STATUSES } from '#models/messaging/alert'
import type {
  AreaReference,
  AreaReferenceQuestion,
} from '#services/areas/boundaries/area_references'

/**
 * Alerts not sent yet that target areas about to go (registered with the areas
 * module at boot). Sent alerts are history and keep their areas' names.
 */
export async function alertAreaReferences({ codesOf, trx }: AreaReferenceQuestion) {
  const references: AreaReference[] = []
  const unsent = await Alert.query({ client: trx }).whereIn('status', UNSENT_STATUSES).orderBy('id')
  for (const alert of unsent) {
    const areaCodes = codesOf(alert.criteria.areaIds)
    if (areaCodes.length) {
      references.push({ kind: 'alert', id: alert.id, name: alert.title, areaCodes })
    }
  }
  return references
}
