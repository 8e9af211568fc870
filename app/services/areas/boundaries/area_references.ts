import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

export interface AreaReference {
  kind: 'segment' | 'scheme' | 'alert'
  id: number
  name: string
  /** The codes of the missing areas it names. */
  areaCodes: string[]
}

/** What a finder is asked: the areas about to go, and a way to name them by code. */
export interface AreaReferenceQuestion {
  areaIds: number[]
  /** The codes of those of these ids that are about to go (others are left out). */
  codesOf(areaIds: number[] | undefined | null): string[]
  trx: TransactionClientContract
}

export type AreaReferenceFinder = (question: AreaReferenceQuestion) => Promise<AreaReference[]>

/**
 * Saved segments, watch schemes and alerts not sent yet name areas, but they
 * belong to modules that come after areas: each of those modules registers a
 * finder here at boot (start/registries.ts), so that the areas module can ask
 * what names an area without importing them.
 */
export class AreaReferenceFinders {
  #finders: AreaReferenceFinder[] = []

  /** Finders answer in the order they were registered. */
  register(finder: AreaReferenceFinder) {
    if (!this.#finders.includes(finder)) this.#finders.push(finder)
  }

  all() {
    return [...this.#finders]
  }
}

export const areaReferenceFinders = new AreaReferenceFinders()

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
  const question: AreaReferenceQuestion = {
    areaIds: [...codesById.keys()],
    codesOf: (areaIds) =>
      (areaIds ?? []).filter((id) => codesById.has(id)).map((id) => codesById.get(id)!),
    trx,
  }
  const references: AreaReference[] = []
  for (const finder of areaReferenceFinders.all()) references.push(...(await finder(question)))
  return references
}
