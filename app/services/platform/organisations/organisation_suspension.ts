import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import Organisation from '#models/platform/organisation'
// eslint-disable-next-line beacon/module-direction -- being replaced by an event (issue 12)
import type Message from '#models/messaging/message'
import User from '#models/platform/user'
// eslint-disable-next-line beacon/module-direction -- being replaced by an event (issue 12)
import MessageControl from '#services/messaging/delivery/message_control'
import { sqlTime } from '#services/platform/infrastructure/sql_time'

/**
 * An install admin suspends an organisation (a contract ended, an account
 * misused) and reactivates it later. A suspended organisation keeps its
 * staff, residents and public alerts, but nothing it starts is sent: every
 * way into a send asks `refusal` first, and the workers hold anything
 * already queued (`holdIfSuspended`), so it waits, paused, for reactivation.
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
    const sending = await db
      .from('messages')
      .where('organisation_id', organisation.id)
      .where('status', 'sending')
      .select('id')
    let paused = 0
    for (const row of sending) {
      if (await MessageControl.pause(Number(row.id), this.#heldReason(organisation))) paused++
    }
    return { suspended: true, paused }
  }

  /** Paused sends stay paused: its staff resume them when they choose. */
  static async reactivate(organisation: Organisation) {
    const updated = await db
      .from('organisations')
      .where('id', organisation.id)
      .whereNotNull('suspended_at')
      .update({ suspended_at: null, suspension_reason: null, updated_at: sqlTime() })
    await organisation.refresh()
    return Number(updated) > 0
  }

  /** Why this organisation cannot send now, for its staff or the API; null when it can. */
  static async refusal(organisationId: number) {
    const organisation = await Organisation.find(organisationId)
    if (!organisation?.suspendedAt) return null
    return `${organisation.name} is suspended, so alerts cannot be sent: ${organisation.suspensionReason}`
  }

  /**
   * For a dispatch or send job already queued when the organisation was suspended: the send is
   * paused instead, its deliveries kept pending in the ledger. The message's organisation must be
   * loaded.
   */
  static async holdIfSuspended(message: Message) {
    if (!message.organisation.suspendedAt) return false
    await MessageControl.pause(message.id, this.#heldReason(message.organisation))
    return true
  }

  /** Who a suspended organisation's staff can ask: the install admins. */
  static async installContacts() {
    const admins = await User.query().where('is_install_admin', true).orderBy('id').limit(3)
    return admins.map((admin) => `${admin.fullName} (${admin.email})`).join(', ')
  }

  static #heldReason(organisation: Organisation) {
    return `Held because ${organisation.name} was suspended: ${organisation.suspensionReason}. It can be resumed once the organisation is reactivated.`
  }
}
