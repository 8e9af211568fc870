import db from '@adonisjs/lucid/services/db'
import AlertRatingLinks from '#services/engagement/alert_rating_links'
import type { Rating } from '#models/engagement/alert_rating'
import { alertFor } from '#tests/helpers/archive_fixtures'
import { createOrganisation, createResident, seedAreas } from '#tests/helpers/fixtures'

/** The action of the page's rating form, or with `'comment'` of its comment form. */
export function formAction(html: string, form: 'rating' | 'comment' = 'rating') {
  const actions = [...html.matchAll(/<form method="POST" action="([^"]+)"/g)].map((match) =>
    match[1].replaceAll('&amp;', '&')
  )
  const action = actions.find(
    (candidate) => candidate.includes('/comment?') === (form === 'comment')
  )
  if (!action) throw new Error(`No ${form} form in:\n${html.slice(0, 3000)}`)
  return action
}

export function checkedRating(html: string) {
  return html.match(/name="rating" type="radio" value="([a-z_]+)" checked/)?.[1] ?? null
}

/** The email's link for one choice. */
export function linkFor(residentId: number, alertId: number, rating: Rating, expires?: string) {
  return AlertRatingLinks.choices(residentId, alertId, expires)[rating]
}

export async function ratingsOf(residentId: number) {
  return db.from('alert_ratings').where('resident_id', residentId).select('rating', 'comment')
}

/** An organisation's published alert, sent to a resident and their neighbour. */
export async function ratingWorld() {
  const { central } = await seedAreas()
  const organisation = await createOrganisation('Lincolnshire Police')
  const resident = await createResident(central, [organisation], { name: 'Ada Quennell' })
  const neighbour = await createResident(central, [organisation])
  const alert = await alertFor(organisation, [central], { title: 'Sheds broken into' })
  return { central, organisation, resident, neighbour, alert }
}
