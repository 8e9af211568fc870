import { DateTime } from 'luxon'
import hash from '@adonisjs/core/services/hash'
import { compose } from '@adonisjs/core/helpers'
import { BaseModel, column, hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import { withAuthFinder } from '@adonisjs/auth/mixins/lucid'
import Membership from '#models/platform/membership'

const AuthFinder = withAuthFinder(() => hash.use('scrypt'), {
  uids: ['email'],
  passwordColumnName: 'password',
})

/**
 * A member of staff. Residents are Residents and never log in with a password.
 */
export default class User extends compose(BaseModel, AuthFinder) {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare fullName: string

  @column()
  declare email: string

  @column({ serializeAs: null })
  declare password: string

  // Encrypted with APP_KEY (see app/services/platform/staff_accounts/two_factor.ts).
  @column({ serializeAs: null })
  declare totpSecret: string | null

  @column.dateTime()
  declare totpConfirmedAt: DateTime | null

  // PostgreSQL answers a bigint as a string.
  @column({
    serializeAs: null,
    consume: (value: unknown) => (value === null ? null : Number(value)),
  })
  declare totpLastStep: number | null

  // Manages what every organisation shares (plugins, the outbox, interests and schemes). SQLite answers 0 or 1.
  @column({ consume: (value: unknown) => Boolean(value) })
  declare isInstallAdmin: boolean

  @hasMany(() => Membership)
  declare memberships: HasMany<typeof Membership>

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
