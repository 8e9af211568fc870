import { DateTime } from 'luxon'
import { urlFor } from '@adonisjs/core/services/url_builder'
import env from '#start/env'
import Subscriber from '#models/residents/subscriber'
import SubscriberToken from '#models/residents/subscriber_token'
import SubscriberTokens, {
  type TokenCheck,
} from '#services/residents/registration/subscriber_tokens'
import TransactionalMail from '#services/platform/infrastructure/transactional_mail'
import { CONFIRMATION_LIFETIME_HOURS } from '#services/residents/registration/subscriber_registration'
import { signUpLinks } from '#services/residents/registration/sign_up_links'
import { sqlTime } from '#services/platform/infrastructure/sql_time'

export const MAGIC_LINK_LIFETIME_MINUTES = 60

// Enough for a resident who lost a few emails; too few to flood someone's inbox through the form.
const MAX_LINKS_PER_HOUR = 5

const SIGNABLE = ['active', 'unsubscribed'] as const

export type MagicLinkState = 'ready' | 'used' | 'expired' | 'invalid'
export type SignInResult = { state: 'signed_in'; subscriberId: number } | { state: MagicLinkState }

/**
 * Residents have no password: they ask for a single-use link by email, and
 * the link starts their session. Whether or not the address is registered,
 * the asker sees the same answer.
 */
export default class MagicLinkSignIn {
  static async request(email: string) {
    const subscriber = await Subscriber.query()
      .where('email', email.trim().toLowerCase())
      .whereIn('status', [...SIGNABLE, 'pending'])
      .first()
    if (!subscriber || (await this.#tooManyRecently(subscriber.id))) return

    // Someone who never confirmed their sign-up gets the confirmation again: it is what they still need.
    if (subscriber.status === 'pending') {
      const secret = await SubscriberTokens.issue(
        subscriber.id,
        'confirm_email',
        CONFIRMATION_LIFETIME_HOURS
      )
      await TransactionalMail.queue(
        subscriber.email!,
        'Confirm your local alerts',
        'confirm_subscription',
        {
          name: subscriber.name,
          confirmUrl: signUpLinks.confirmation(secret),
          areaName: null,
          lifetimeHours: CONFIRMATION_LIFETIME_HOURS,
        }
      )
      return
    }

    const secret = await SubscriberTokens.issue(
      subscriber.id,
      'magic_link',
      MAGIC_LINK_LIFETIME_MINUTES / 60
    )
    await TransactionalMail.queue(
      subscriber.email!,
      'Your link to manage your alerts',
      'magic_link',
      {
        name: subscriber.name,
        signInUrl: urlFor(
          'self_service.sign_in.show',
          { token: secret },
          { prefixUrl: env.get('APP_URL') }
        ),
        lifetimeMinutes: MAGIC_LINK_LIFETIME_MINUTES,
      }
    )
  }

  static async inspect(secret: string): Promise<MagicLinkState> {
    return this.#stateOf(await SubscriberTokens.check(secret, 'magic_link'))
  }

  static async signIn(secret: string): Promise<SignInResult> {
    const check = await SubscriberTokens.check(secret, 'magic_link')
    const state = await this.#stateOf(check)
    if (state !== 'ready' || check.state !== 'valid') return { state }

    // Guarded by used_at, so two clicks (or two tabs) sign in once.
    const claimed = await SubscriberToken.query()
      .where('id', check.token.id)
      .whereNull('used_at')
      .update({ used_at: sqlTime() })
    if (Number(Array.isArray(claimed) ? claimed[0] : claimed) === 0) return { state: 'used' }
    return { state: 'signed_in', subscriberId: check.token.subscriberId }
  }

  static async #stateOf(check: TokenCheck): Promise<MagicLinkState> {
    if (check.state === 'unknown') return 'invalid'
    if (check.state === 'used') return 'used'
    if (check.state === 'expired') return 'expired'
    return (await this.#canSignIn(check.token.subscriberId)) ? 'ready' : 'invalid'
  }

  static async #canSignIn(subscriberId: number) {
    const subscriber = await Subscriber.find(subscriberId)
    return !!subscriber && (SIGNABLE as readonly string[]).includes(subscriber.status)
  }

  static async #tooManyRecently(subscriberId: number) {
    const row = await SubscriberToken.query()
      .where('subscriber_id', subscriberId)
      .where('created_at', '>', sqlTime(DateTime.now().minus({ hours: 1 })))
      .count('* as total')
      .first()
    return Number(row?.$extras.total ?? 0) >= MAX_LINKS_PER_HOUR
  }
}
