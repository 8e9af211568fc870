import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import emitter from '@adonisjs/core/services/emitter'
import Organisation from '#models/platform/organisation'
import User from '#models/platform/user'
import { sqlTime } from '#services/platform/infrastructure/sql_time'

/**
 * An install admin suspends an organisation (a contract ended, an account
 * misused) and reactivates it later. A suspended organisation keeps its
 * staff, residents and public alerts, but nothing it starts is sent: every
 * way into a send asks `refusal` first; messaging pauses its sends under way
 * when it hears `organisation:suspended`, and its workers hold anything
 * already queued, so it waits, paused, for reactivation.
 */
export default class OrganisationSuspension {
  /** Pauses its sends under way. False when it was already suspended. */
  static async suspend(organisation: Organisation, givenReason: string) {
    // Shown inside a sentence: "… is suspended: <reason>. Alerts cannot be sent."
    const reason = givenReason.trim().replace(/[.\s]+$/, '')
    const now = DateTime.now()
    const updated = await db
      .from('organisations')
      .where('id', organisation.id)
      .whereNull('suspended_at')
      .update({ suspended_at: sqlTime(now), suspension_reason: reason, updated_at: sqlTime(now) })
    await organisation.refresh()
    if (Number(updated) === 0) return { suspended: false, paused: 0 }
    await emitter.emit('organisation:suspended', { organisationId: organisation.id, reason })
    // The listeners have paused its sends under way: the ones paused since it was suspended.
    const paused = await db
      .from('alerts')
      .where('organisation_id', organisation.id)
      .where('status', 'paused')
      .where('paused_at', '>=', sqlTime(now))
      .count('* as total')
      .first()
    return { suspended: true, paused: Number(paused?.total ?? 0) }
  }

  /** Paused sends stay paused: its staff resume them when they choose. */
  static async reactivate(organisation: Organisation) {
    const updated = await db
      .from('organisations')
      .where('id', organisation.id)
      .whereNotNull('suspended_at')
      .update({ suspended_at: null, suspension_reason: null, updated_at: sqlTime() })
    await organisation.refresh()
    if (Number(updated) === 0) return false
    await emitter.emit('organisation:reinstated', { organisationId: organisation.id })
    return true
  }

  /** Why this organisation cannot send now, for its staff or the API; null when it can. */
  static async refusal(organisationId: number) {
    const organisation = await Organisation.find(organisationId)
    if (!organisation?.suspendedAt) return null
    return `${organisation.name} is suspended, so alerts cannot be sent: ${organisation.suspensionReason}`
  }

  /** Who a suspended organisation's staff can ask: the install admins. */
  static async installContacts() {
    const admins = await User.query().where('is_install_admin', true).orderBy('id').limit(3)
    return admins.map((admin) => `${admin.fullName} (${admin.email})`).join(', ')
  }
}
