import db from '@adonisjs/lucid/services/db'
import Interest from '#models/residents/interest'

export interface InterestInput {
  name: string
  description?: string | null
  position?: number | null
}

/** "Fraud & scams" becomes "fraud-scams": a stable key for imports and plugins. */
export function slugify(name: string) {
  return (
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 50) || 'interest'
  )
}

/**
 * The install's list of interests residents may choose. Renaming keeps the
 * slug, so that anything that refers to an interest keeps finding it.
 */
export default class InterestList {
  static all() {
    return Interest.query().orderBy('position').orderBy('name')
  }

  static async create(input: InterestInput) {
    const base = slugify(input.name)
    let slug = base
    for (let suffix = 2; await Interest.findBy('slug', slug); suffix++) slug = `${base}-${suffix}`
    const last = await db.from('interests').max('position as last').first()
    return Interest.create({
      slug,
      name: input.name,
      description: input.description ?? null,
      position: input.position ?? Number(last?.last ?? 0) + 1,
    })
  }

  static async update(interest: Interest, input: InterestInput) {
    interest.merge({
      name: input.name,
      description: input.description ?? null,
      position: input.position ?? interest.position,
    })
    await interest.save()
  }

  /** How many residents have chosen the interest, and so would lose it. */
  static async usage(interest: Interest) {
    const row = await db
      .from('resident_interests')
      .where('interest_id', interest.id)
      .count('* as total')
      .first()
    return Number(row?.total ?? 0)
  }

  /** Residents per interest, by id, for the list. */
  static async usageCounts() {
    const rows = await db
      .from('resident_interests')
      .groupBy('interest_id')
      .select('interest_id')
      .count('* as total')
    return Object.fromEntries(rows.map((row) => [row.interest_id, Number(row.total)])) as Record<
      number,
      number
    >
  }

  static async remove(interest: Interest) {
    await interest.delete()
  }
}
