import db from '@adonisjs/lucid/services/db'
import { stored } from './sync_runs.js'
import type { RegisterCoordinator } from './register_data.js'

const TABLE = 'neighbourhood_watch_schemes'

export interface ImportedScheme {
  schemeRef: string
  schemeId: number
  coordinatorName: string | null
}

/**
 * The schemes an organisation imports (neighbourhood_watch_schemes): which
 * core scheme each register id is, and its coordinator as the register names
 * them. A scheme gone from the register is found here.
 */
export const ImportedSchemes = {
  async of(organisationId: number): Promise<ImportedScheme[]> {
    const rows = await db.from(TABLE).where('organisation_id', organisationId).orderBy('scheme_ref')
    return rows.map((row) => ({
      schemeRef: String(row.scheme_ref),
      schemeId: Number(row.scheme_id),
      coordinatorName: row.coordinator_name,
    }))
  },

  /** Keeps the scheme and its coordinator; answers what changed about the coordinator, if anything. */
  async keep(
    organisationId: number,
    schemeRef: string,
    schemeId: number,
    coordinator: RegisterCoordinator | null
  ): Promise<string | null> {
    const existing = await db
      .from(TABLE)
      .where('organisation_id', organisationId)
      .where('scheme_ref', schemeRef)
      .first()
    const values = {
      scheme_id: schemeId,
      coordinator_ref: coordinator?.ref ?? null,
      coordinator_name: coordinator?.name ?? null,
      coordinator_email: coordinator?.email?.toLowerCase() ?? null,
      synced_at: stored(),
    }
    if (!existing) {
      await db
        .table(TABLE)
        .insert({ organisation_id: organisationId, scheme_ref: schemeRef, ...values })
      return null
    }
    await db
      .from(TABLE)
      .where('organisation_id', organisationId)
      .where('scheme_ref', schemeRef)
      .update(values)
    const before = existing.coordinator_name ?? null
    const after = coordinator?.name ?? null
    const sameEmail = (existing.coordinator_email ?? null) === values.coordinator_email
    if (before === after && sameEmail) return null
    if (!after) return 'It no longer has a coordinator'
    return `Its coordinator is now ${after}`
  },

  async forget(organisationId: number, schemeRef: string) {
    await db
      .from(TABLE)
      .where('organisation_id', organisationId)
      .where('scheme_ref', schemeRef)
      .delete()
  },

  /** Erasure: a coordinator known by one of these addresses or names is forgotten. */
  async eraseCoordinator(traces: string[]) {
    const lowered = traces.map((trace) => trace.toLowerCase())
    if (lowered.length === 0) return
    await db
      .from(TABLE)
      .whereIn('coordinator_email', lowered)
      .orWhereIn('coordinator_name', traces)
      .update({ coordinator_ref: null, coordinator_name: null, coordinator_email: null })
  },
}
