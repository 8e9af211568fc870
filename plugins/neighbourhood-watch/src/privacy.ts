import db from '@adonisjs/lucid/services/db'
import type { PrivacyHooks } from '#contracts/privacy'
import { ImportedSchemes } from './imported_schemes.js'

const ROWS = 'neighbourhood_watch_sync_rows'

/**
 * What the plugin keeps about a resident: the lines of sync reports about
 * them (their name as the register gave it), and, when they coordinate a
 * scheme, their name and email address. Both go with erasure; report lines
 * that quote them without naming the resident (a rejected row) are found by
 * their traces.
 */
export const watchPrivacy: PrivacyHooks = {
  async export(residentId) {
    const rows = await db.from(ROWS).where('resident_id', residentId).orderBy('id')
    return rows.length
      ? rows.map((row) => ({
          'Neighbourhood Watch register': String(row.subject),
          'What Beacon did': String(row.detail),
        }))
      : null
  },
  async erase({ residentId, traces }) {
    await db.from(ROWS).where('resident_id', residentId).delete()
    for (const trace of traces.filter((value) => value.trim().length >= 3)) {
      const pattern = `%${trace.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
      await db
        .from(ROWS)
        .where((query) => {
          query
            .whereRaw(`lower(subject) like lower(?) escape '\\'`, [pattern])
            .orWhereRaw(`lower(detail) like lower(?) escape '\\'`, [pattern])
        })
        .delete()
    }
    await ImportedSchemes.eraseCoordinator(traces)
  },
}
