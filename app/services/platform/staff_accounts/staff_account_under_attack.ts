import redis from '@adonisjs/redis/services/main'
import env from '#start/env'
import User from '#models/platform/user'
import TransactionalMail from '#services/platform/infrastructure/transactional_mail'
import { redisKey } from '#services/platform/infrastructure/redis_keys'

const WARNED = 'staff-sign-in-warned'

/**
 * Tells a member of staff that someone keeps failing to sign in to their
 * account, once a window however many attempts follow: a flood of warnings
 * would be its own attack on their inbox.
 */
export default class StaffAccountUnderAttack {
  static async tellHolder(email: string, windowMinutes: number) {
    const user = await User.findBy('email', email.trim().toLowerCase())
    if (!user) return
    // One statement: two web processes reaching the limit together send one email.
    const first = await redis.set(redisKey(WARNED, user.email), '1', 'EX', windowMinutes * 60, 'NX')
    if (first !== 'OK') return
    await TransactionalMail.queue(
      user.email,
      'Someone is trying to sign in to your staff account',
      'staff_sign_in_attack',
      {
        fullName: user.fullName,
        windowMinutes,
        resetUrl: new URL('/staff/forgotten-password', env.get('APP_URL')).href,
      }
    )
  }

  /** After a new password: a fresh attack is worth a fresh warning. */
  static async forgetWarningTo(email: string) {
    await redis.del(redisKey(WARNED, email.trim().toLowerCase()))
  }

  /** Every "already warned" mark, for a test that starts its window again. */
  static async forgetWarnings() {
    const keys = await redis.keys(redisKey(WARNED, '*'))
    if (keys.length) await redis.del(...keys)
  }
}
