import { DateTime } from 'luxon'
import { BaseModel, column, hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import Membership from '#models/membership'
import Message from '#models/message'

export default class Organisation extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare name: string

  @column()
  declare slug: string

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

  @hasMany(() => Membership)
  declare memberships: HasMany<typeof Membership>

  @hasMany(() => Message)
  declare messages: HasMany<typeof Message>

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
