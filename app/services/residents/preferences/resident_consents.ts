import db from '@adonisjs/lucid/services/db'
import emitter from '@adonisjs/core/services/emitter'
import Organisation from '#models/platform/organisation'
import { fromStoredTime } from '#services/platform/infrastructure/stored_time'
import { sqlTime } from '#services/platform/infrastructure/sql_time'

/**
 * Which organisations may contact a resident and see their details. A
 * withdrawal takes effect at once, for alerts already queued too: messaging
 * skips them when it hears `resident:consent_withdrawn`.
 */
export default class ResidentConsents {
  static async list(residentId: number) {
    const organisations = await Organisation.query().orderBy('name')
    const rows = await db.from('consents').where('resident_id', residentId)
    return organisations.map((organisation) => {
      const row = rows.find((consent) => Number(consent.organisation_id) === organisation.id)
      const granted = !!row && !row.withdrawn_at
      return {
        organisation,
        granted,
        grantedAt: row ? fromStoredTime(row.granted_at) : null,
        withdrawnAt: row ? fromStoredTime(row.withdrawn_at) : null,
      }
    })
  }

  /** Grants consent to exactly these organisations and withdraws it from every other. */
  static async set(residentId: number, organisationIds: number[]) {
    const current = await this.list(residentId)
    const now = sqlTime()
    const withdrawn: number[] = []

    await db.transaction(async (trx) => {
      for (const { organisation, granted } of current) {
        const wanted = organisationIds.includes(organisation.id)
        if (wanted && !granted) {
          await trx
            .table('consents')
            .insert({
              resident_id: residentId,
              organisation_id: organisation.id,
              granted_at: now,
            })
            .onConflict(['resident_id', 'organisation_id'])
            .merge({ granted_at: now, withdrawn_at: null })
        } else if (!wanted && granted) {
          await trx
            .from('consents')
            .where('resident_id', residentId)
            .where('organisation_id', organisation.id)
            .update({ withdrawn_at: now })
          withdrawn.push(organisation.id)
        }
      }
    })

    if (withdrawn.length > 0) {
      await emitter.emit('resident:consent_withdrawn', {
        residentId: residentId,
        organisationIds: withdrawn,
      })
    }
  }
}
