import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
// eslint-disable-next-line beacon/module-direction -- being replaced by an event (issue 12)
import Message, { UNSENT_STATUSES } from '#models/messaging/message'
// eslint-disable-next-line beacon/module-direction -- being replaced by an event (issue 12)
import Scheme from '#models/residents/scheme'
// eslint-disable-next-line beacon/module-direction -- being replaced by an event (issue 12)
import Segment from '#models/targeting/segment'

export interface AreaReference {
  kind: 'segment' | 'scheme' | 'alert'
  id: number
  name: string
  /** The codes of the missing areas it names. */
  areaCodes: string[]
}

/**
 * Saved segments, watch schemes and alerts not sent yet that name any of
 * these areas: what an admin must look at before the areas go. Sent alerts
 * are history and keep their areas' names in their own record.
 */
export async function areaReferences(
  codesById: Map<number, string>,
  trx: TransactionClientContract
): Promise<AreaReference[]> {
  if (codesById.size === 0) return []
  const ids = [...codesById.keys()]
  const codesOf = (areaIds: number[] | undefined) =>
    (areaIds ?? []).filter((id) => codesById.has(id)).map((id) => codesById.get(id)!)
  const references: AreaReference[] = []

  for (const segment of await Segment.query({ client: trx }).orderBy('name')) {
    const areaCodes = codesOf(segment.criteria.areaIds)
    if (areaCodes.length) {
      references.push({ kind: 'segment', id: segment.id, name: segment.name, areaCodes })
    }
  }
  const schemes = await Scheme.query({ client: trx }).whereIn('area_id', ids).orderBy('name')
  for (const scheme of schemes) {
    references.push({
      kind: 'scheme',
      id: scheme.id,
      name: scheme.name,
      areaCodes: codesOf([scheme.areaId!]),
    })
  }
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
