import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

export const RATINGS = ['useful', 'not_useful', 'avoided_crime'] as const
export type Rating = (typeof RATINGS)[number]

/** The words residents and staff see for each rating. */
export const RATING_LABELS: Record<Rating, string> = {
  useful: 'Useful',
  not_useful: 'Not useful',
  avoided_crime: 'This helped me avoid becoming a victim of crime',
}

/** The longest comment a resident may add to their rating. */
export const COMMENT_MAX_LENGTH = 1000

/** A rating's form in a link's path: words a resident can read in the address. */
export const RATING_SLUGS: Record<Rating, string> = {
  useful: 'useful',
  not_useful: 'not-useful',
  avoided_crime: 'helped-me-avoid-crime',
}

export function ratingFromSlug(slug: string): Rating | null {
  return RATINGS.find((rating) => RATING_SLUGS[rating] === slug) ?? null
}

/** One resident's rating of one alert (at most one each; they may change it). */
export default class AlertRating extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare alertId: number

  @column()
  declare residentId: number

  @column()
  declare organisationId: number

  @column()
  declare rating: Rating

  @column()
  declare comment: string | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
