import db from '@adonisjs/lucid/services/db'
import type Area from '#models/areas/area'
import type Resident from '#models/residents/resident'
import AreaPlacement, { type ChosenLocation } from '#services/areas/area_placement'
import ContactChanges from '#services/residents/contacts/contact_changes'

export type EmailChangeOutcome = 'unchanged' | 'link_sent'

/**
 * What a signed-in resident changes about themselves: their name, their email
 * address (only once they confirm it from the new address, as any change of
 * contact is), and where they live (placed again, as at sign-up).
 */
export default class ResidentDetails {
  static async rename(resident: Resident, name: string) {
    resident.name = name
    await resident.save()
  }

  static async requestEmail(resident: Resident, email: string): Promise<EmailChangeOutcome> {
    const wanted = email.trim().toLowerCase()
    if (wanted === resident.email) return 'unchanged'
    await ContactChanges.request(resident, 'email', wanted, {
      byResident: true,
      userId: null,
      organisationId: null,
    })
    return 'link_sent'
  }

  /** Where they live now, and the areas it puts them in: alerts follow from the next send. */
  static async move(resident: Resident, location: ChosenLocation, areas: Area[]) {
    const point = location.how === 'ward' ? null : location
    await db.transaction(async (trx) => {
      resident.useTransaction(trx)
      resident.merge({
        postcode: point?.how === 'postcode' ? point.postcode : null,
        lat: point?.lat ?? null,
        lng: point?.lng ?? null,
      })
      await resident.save()
      await resident.related('areas').sync(
        areas.map((area) => area.id),
        true,
        trx
      )
    })
  }

  /** What the "Your details" part of the account page shows. */
  static async summary(resident: Resident) {
    const pending = await ContactChanges.pendingFor(resident.id)
    return {
      name: resident.name,
      email: resident.email,
      pendingEmail: pending.email ?? null,
      home: await this.whereTheyLive(resident),
    }
  }

  /** "Central, Boston, from your postcode PE21 8QR": the resident's areas and how they were found. */
  static async whereTheyLive(resident: Resident) {
    await resident.load('areas')
    const areas = [...resident.areas].sort(
      (a, b) => (a.level === 'ward' ? 0 : 1) - (b.level === 'ward' ? 0 : 1)
    )
    return {
      areas: AreaPlacement.describe(areas),
      how: resident.postcode
        ? `from your postcode ${resident.postcode}`
        : resident.lat !== null
          ? 'from the point you chose on the map'
          : 'from the ward you chose',
    }
  }
}
