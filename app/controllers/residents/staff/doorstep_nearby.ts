import vine from '@vinejs/vine'
import DoorstepPrioritiesFinder from '#services/residents/representation/doorstep_priorities'

/**
 * Where the officer is, for the doorstep page's "Where sign-ups count most":
 * the ward they pick (works without JavaScript) or the position their browser
 * shares. Anything else (or nothing) shows the picker alone.
 */
export const nearbyValidator = vine.compile(
  vine.object({
    nearWard: vine.number().withoutDecimals().positive().optional(),
    lat: vine.number().min(-90).max(90).optional(),
    lng: vine.number().min(-180).max(180).optional(),
  })
)

export async function nearbyPriorities(
  organisationId: number,
  asked: { nearWard?: number; lat?: number; lng?: number }
) {
  if (asked.lat !== undefined && asked.lng !== undefined) {
    return DoorstepPrioritiesFinder.near(organisationId, { lat: asked.lat, lng: asked.lng })
  }
  if (asked.nearWard)
    return DoorstepPrioritiesFinder.near(organisationId, { wardId: asked.nearWard })
  return null
}
