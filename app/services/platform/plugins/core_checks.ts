import db from '@adonisjs/lucid/services/db'
import type { CoreChecks } from '#contracts/checks'

/** What plugins may ask of the core's own parts (#contracts/checks). */
const coreChecks: CoreChecks = {
  async database() {
    try {
      await db.rawQuery('select 1')
      return true
    } catch {
      return false
    }
  },
}

export default coreChecks
