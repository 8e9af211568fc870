import { DateTime } from 'luxon'
import { BaseModel, afterSave, column, hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import Membership from '#models/platform/membership'
import PublicPageCache from '#services/platform/infrastructure/public_page_cache'

/** The kinds of body that share an install, with the words a person reads. */
export const ORGANISATION_TYPES = {
  opcc: 'Office of the Police and Crime Commissioner',
  police: 'Police force',
  fire: 'Fire and rescue service',
  council: 'Council',
  neighbourhood_watch: 'Neighbourhood Watch association',
  other: 'Other',
} as const
export type OrganisationType = keyof typeof ORGANISATION_TYPES

export default class Organisation extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare name: string

  @column()
  declare slug: string

  @column()
  declare type: OrganisationType

  /** The email From name; the organisation's name when unset. */
  @column()
  declare senderName: string | null

  /** "#rrggbb" for the header bar of its emails; checked for contrast with white text. */
  @column()
  declare brandColour: string | null

  @column()
  declare emailFooter: string | null

  @column()
  declare logoFile: string | null

  // SQLite answers 0 or 1.
  @column({ consume: (value: unknown) => Boolean(value) })
  declare requiresApproval: boolean

  // "Track opens and clicks" (app/services/messaging/tracking/): off until an admin turns it on.
  @column({ consume: (value: unknown) => Boolean(value) })
  declare tracksEngagement: boolean

  /** Contact details, for residents and for the organisation's staff. */
  @column()
  declare contactEmail: string | null

  @column()
  declare contactPhone: string | null

  @column()
  declare website: string | null

  @column()
  declare address: string | null

  /** A suspended organisation cannot send (see OrganisationSuspension); its public alerts stay. */
  @column.dateTime()
  declare suspendedAt: DateTime | null

  @column()
  declare suspensionReason: string | null

  /** "Send alert now" asks first outside these UK hours on weekdays (null: no such warning). */
  @column()
  declare officeHoursFrom: number | null

  @column()
  declare officeHoursTo: number | null

  /** …and to more residents than this (null: no such warning). */
  @column()
  declare largeAudienceWarning: number | null

  get typeLabel() {
    return ORGANISATION_TYPES[this.type] ?? ORGANISATION_TYPES.other
  }

  @hasMany(() => Membership)
  declare memberships: HasMany<typeof Membership>

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  /** Public pages and feeds name the organisation that sent each alert. */
  @afterSave()
  static async refreshPublicPages() {
    await PublicPageCache.invalidate()
  }
}
