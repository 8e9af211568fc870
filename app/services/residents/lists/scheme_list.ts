import db from '@adonisjs/lucid/services/db'
import Scheme, { type SchemeKind } from '#models/residents/scheme'

export interface SchemeInput {
  name: string
  kind: SchemeKind
  areaId?: number | null
}

/** The install's watch schemes, each of one kind and optionally tied to an area. */
export default class SchemeList {
  static all() {
    return Scheme.query().preload('area').orderBy('kind').orderBy('name')
  }

  static create(input: SchemeInput) {
    return Scheme.create({ name: input.name, kind: input.kind, areaId: input.areaId ?? null })
  }

  static async update(scheme: Scheme, input: SchemeInput) {
    scheme.merge({ name: input.name, kind: input.kind, areaId: input.areaId ?? null })
    await scheme.save()
  }

  /** How many residents are members, and so would lose the scheme. */
  static async usage(scheme: Scheme) {
    const row = await db
      .from('scheme_members')
      .where('scheme_id', scheme.id)
      .count('* as total')
      .first()
    return Number(row?.total ?? 0)
  }

  /** Residents per scheme, by id, for the list. */
  static async usageCounts() {
    const rows = await db
      .from('scheme_members')
      .groupBy('scheme_id')
      .select('scheme_id')
      .count('* as total')
    return Object.fromEntries(rows.map((row) => [row.scheme_id, Number(row.total)])) as Record<
      number,
      number
    >
  }

  static async remove(scheme: Scheme) {
    await scheme.delete()
  }
}
