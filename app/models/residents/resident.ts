import { DateTime } from 'luxon'
import { BaseModel, column, hasMany, hasOne, manyToMany } from '@adonisjs/lucid/orm'
import type { HasMany, HasOne, ManyToMany } from '@adonisjs/lucid/types/relations'
import Area from '#models/areas/area'
import Interest from '#models/residents/interest'
import Scheme from '#models/residents/scheme'
import ChannelPreference from '#models/residents/channel_preference'
import Demographic from '#models/residents/demographic'

/** pending: awaiting double opt-in; unsubscribed: stopped all alerts (can resume); erased: personal data removed. */
export type ResidentStatus = 'pending' | 'active' | 'unsubscribed' | 'erased'

/**
 * A resident who receives alerts.
 */
export default class Resident extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare email: string | null

  @column()
  declare name: string

  @column()
  declare language: string

  @column()
  declare priorityThreshold: number

  @column()
  declare status: ResidentStatus

  @column()
  declare source: string

  /** What brought a web sign-up, when something did ("forward:<id>": a neighbour's shared alert). */
  @column()
  declare referral: string | null

  @column()
  declare lat: number | null

  @column()
  declare lng: number | null

  @column()
  declare phone: string | null

  @column.dateTime()
  declare phoneVerifiedAt: DateTime | null

  @column()
  declare landline: string | null

  @column.dateTime()
  declare landlineVerifiedAt: DateTime | null

  @column()
  declare postcode: string | null

  @column({ consume: (value: unknown) => Boolean(value) })
  declare knownToOfficer: boolean

  @column({ consume: (value: unknown) => Boolean(value) })
  declare communityInfluencer: boolean

  // "Don't track whether I open alerts": no tracking image or tracked links in their emails.
  @column({ consume: (value: unknown) => Boolean(value) })
  declare declinesTracking: boolean

  @column()
  declare registeredByUserId: number | null

  @column.dateTime()
  declare erasedAt: DateTime | null

  @column.dateTime()
  declare emailBouncedAt: DateTime | null

  @manyToMany(() => Area, { pivotTable: 'resident_areas' })
  declare areas: ManyToMany<typeof Area>

  @manyToMany(() => Interest, { pivotTable: 'resident_interests' })
  declare interests: ManyToMany<typeof Interest>

  @manyToMany(() => Scheme, { pivotTable: 'scheme_members', pivotTimestamps: false })
  declare schemes: ManyToMany<typeof Scheme>

  @hasMany(() => ChannelPreference)
  declare channelPreferences: HasMany<typeof ChannelPreference>

  @hasOne(() => Demographic)
  declare demographic: HasOne<typeof Demographic>

  @column.dateTime()
  declare emailVerifiedAt: DateTime | null

  @column.dateTime()
  declare confirmedAt: DateTime | null

  @column.dateTime()
  declare unsubscribedAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
