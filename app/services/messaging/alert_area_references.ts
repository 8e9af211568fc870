import Message, { UNSENT_STATUSES } from '#models/messaging/message'
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
  const unsent = await Message.query({ client: trx })
    .whereIn('status', UNSENT_STATUSES)
    .orderBy('id')
  for (const message of unsent) {
    const areaCodes = codesOf(message.criteria.areaIds)
    if (areaCodes.length) {
      references.push({ kind: 'alert', id: message.id, name: message.title, areaCodes })
    }
  }
  return references
}
