import db from '@adonisjs/lucid/services/db'
import type { BeaconEvents } from '#contracts/events'
import { seedDefaultInterests } from '#services/residents/default_interests'

/**
 * A new install offers residents the default interests. Only its first
 * organisation brings them: interests are the install's, and an admin may have
 * removed some since, which a later organisation must not bring back.
 */
export default class SeedDefaultInterests {
  async handle(_event: BeaconEvents['organisation:created']) {
    const organisations = await db.from('organisations').count('* as total').first()
    if (Number(organisations?.total ?? 0) !== 1) return
    await seedDefaultInterests()
  }
}
