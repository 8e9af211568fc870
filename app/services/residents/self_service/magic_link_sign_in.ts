import { DateTime } from 'luxon'
import { urlFor } from '@adonisjs/core/services/url_builder'
import env from '#start/env'
import Resident from '#models/residents/resident'
import ResidentToken from '#models/residents/resident_token'
import ResidentTokens, { type TokenCheck } from '#services/residents/registration/resident_tokens'
import TransactionalMail from '#services/platform/infrastructure/transactional_mail'
import { CONFIRMATION_LIFETIME_HOURS } from '#services/residents/registration/resident_registration'
import { signUpLinks } from '#services/residents/registration/sign_up_links'
import { sqlTime } from '#services/platform/infrastructure/sql_time'

export const MAGIC_LINK_LIFETIME_MINUTES = 60

// Enough for a resident who lost a few emails; too few to flood someone's inbox through the form.
const MAX_LINKS_PER_HOUR = 5

const SIGNABLE = ['active', 'unsubscribed'] as const

export type MagicLinkState = 'ready' | 'used' | 'expired' | 'invalid'
export type SignInResult = { state: 'signed_in'; residentId: number } | { state: MagicLinkState }

/**
 * Residents have no password: they ask for a single-use link by email, and
 * the link starts their session. Whether or not the address is registered,
 * the asker sees the same answer.
 */
export default class MagicLinkSignIn {
  static async request(email: string) {
    const resident = await Resident.query()
      .where('email', email.trim().toLowerCase())
      .whereIn('status', [...SIGNABLE, 'pending'])
      .first()
    if (!resident || (await this.#tooManyRecently(resident.id))) return

    // Someone who never confirmed their sign-up gets the confirmation again: it is what they still need.
    if (resident.status === 'pending') {
      const secret = await ResidentTokens.issue(
        resident.id,
        'confirm_email',
        CONFIRMATION_LIFETIME_HOURS
      )
      await TransactionalMail.queue(
        resident.email!,
        'Confirm your local alerts',
        'confirm_subscription',
        {
          name: resident.name,
          confirmUrl: signUpLinks.confirmation(secret),
          areaName: null,
          lifetimeHours: CONFIRMATION_LIFETIME_HOURS,
        },
        { language: resident.language }
      )
      return
    }

    await this.sendLink(resident)
  }

  /**
   * A sign-in link to the resident's address on record, and only there: also
   * what staff send for a resident who asked for help (access_help_requests.ts).
   */
  static async sendLink(resident: Resident) {
    if (!resident.email) return
    const secret = await ResidentTokens.issue(
      resident.id,
      'magic_link',
      MAGIC_LINK_LIFETIME_MINUTES / 60
    )
    await TransactionalMail.queue(
      resident.email,
      'Your link to manage your alerts',
      'magic_link',
      {
        name: resident.name,
        signInUrl: urlFor(
          'self_service.sign_in.show',
          { token: secret },
          { prefixUrl: env.get('APP_URL') }
        ),
        lifetimeMinutes: MAGIC_LINK_LIFETIME_MINUTES,
      },
      { language: resident.language }
    )
  }

  static async inspect(secret: string): Promise<MagicLinkState> {
    return this.#stateOf(await ResidentTokens.check(secret, 'magic_link'))
  }

  static async signIn(secret: string): Promise<SignInResult> {
    const check = await ResidentTokens.check(secret, 'magic_link')
    const state = await this.#stateOf(check)
    if (state !== 'ready' || check.state !== 'valid') return { state }

    // Guarded by used_at, so two clicks (or two tabs) sign in once.
    const claimed = await ResidentToken.query()
      .where('id', check.token.id)
      .whereNull('used_at')
      .update({ used_at: sqlTime() })
    if (Number(Array.isArray(claimed) ? claimed[0] : claimed) === 0) return { state: 'used' }
    return { state: 'signed_in', residentId: check.token.residentId }
  }

  static async #stateOf(check: TokenCheck): Promise<MagicLinkState> {
    if (check.state === 'unknown') return 'invalid'
    if (check.state === 'used') return 'used'
    if (check.state === 'expired') return 'expired'
    return (await this.#canSignIn(check.token.residentId)) ? 'ready' : 'invalid'
  }

  static async #canSignIn(residentId: number) {
    const resident = await Resident.find(residentId)
    return !!resident && (SIGNABLE as readonly string[]).includes(resident.status)
  }

  static async #tooManyRecently(residentId: number) {
    const row = await ResidentToken.query()
      .where('resident_id', residentId)
      .where('created_at', '>', sqlTime(DateTime.now().minus({ hours: 1 })))
      .count('* as total')
      .first()
    return Number(row?.$extras.total ?? 0) >= MAX_LINKS_PER_HOUR
  }
}
