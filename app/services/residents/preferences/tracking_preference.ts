import type Resident from '#models/residents/resident'

/**
 * The resident's "Don't track whether I open alerts". Declined, their alert
 * emails carry no tracking image and no tracked links, and nothing more is
 * recorded of emails already sent (messaging's tracking reads it at send
 * time and on every open). What was recorded before stays in their data
 * download until they delete their account.
 */
export default class TrackingPreference {
  static async set(resident: Resident, declines: boolean) {
    resident.declinesTracking = declines
    await resident.save()
  }
}
