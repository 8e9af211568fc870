import { Secret, TOTP } from 'otpauth'
import QRCode from 'qrcode'
import { DateTime } from 'luxon'
import encryption from '@adonisjs/core/services/encryption'
import db from '@adonisjs/lucid/services/db'
import type User from '#models/platform/user'
import SiteSettings from '#services/platform/site/site_settings'

export const TOTP_PERIOD = 30
// One step either side: a phone clock a little fast or slow still works.
export const TOTP_WINDOW = 1

export type CodeCheck = 'accepted' | 'wrong' | 'replayed'

/*
| The app lists the account under the install's own service name, so a
| force's staff find their own service there. A colon would split the
| app's "issuer:account" label in the wrong place, so it is left out.
*/
async function issuerName() {
  const { serviceName } = await SiteSettings.current()
  return serviceName.replace(/:/g, ' ').replace(/\s+/g, ' ').trim()
}

// The issuer is only shown by the app: checking a code does not depend on it.
function totpOf(user: User, base32: string, issuer = '') {
  return new TOTP({
    issuer,
    label: user.email,
    algorithm: 'SHA1',
    digits: 6,
    period: TOTP_PERIOD,
    secret: Secret.fromBase32(base32),
  })
}

/** A 6-digit code, with the spaces an app or a person may put in it removed. */
export function asTotpCode(input: string) {
  const digits = input.replace(/[\s-]/g, '')
  return /^\d{6}$/.test(digits) ? digits : null
}

/**
 * Time-based one-time codes (RFC 6238) from an authenticator app. The
 * secret is encrypted with APP_KEY, and each accepted code's time step is
 * kept so that the same code (seen over a shoulder, or replayed) is refused.
 */
export default class TwoFactor {
  static isEnrolled(user: User) {
    return !!user.totpConfirmedAt && !!user.totpSecret
  }

  static secretOf(user: User) {
    if (!user.totpSecret) return null
    return encryption.decrypt<string>(user.totpSecret)
  }

  /** The secret being set up, made once and kept until confirmed, so a reload shows the same QR code. */
  static async beginEnrolment(user: User) {
    let secret = this.secretOf(user)
    if (!secret || user.totpConfirmedAt) {
      secret = new Secret({ size: 20 }).base32
      user.totpSecret = encryption.encrypt(secret)
      user.totpConfirmedAt = null
      user.totpLastStep = null
      await user.save()
    }
    const uri = totpOf(user, secret, await issuerName()).toString()
    const qrSvg = await QRCode.toString(uri, {
      type: 'svg',
      width: 200,
      margin: 2,
      errorCorrectionLevel: 'M',
    })
    return { secret, uri, qrSvg }
  }

  static async confirmEnrolment(user: User, input: string): Promise<CodeCheck> {
    if (user.totpConfirmedAt) return 'wrong'
    const check = await this.verify(user, input)
    if (check !== 'accepted') return check
    user.totpConfirmedAt = DateTime.now()
    await user.save()
    return check
  }

  static async verify(user: User, input: string): Promise<CodeCheck> {
    const code = asTotpCode(input)
    const secret = this.secretOf(user)
    if (!code || !secret) return 'wrong'
    const now = Date.now()
    const delta = totpOf(user, secret).validate({
      token: code,
      timestamp: now,
      window: TOTP_WINDOW,
    })
    if (delta === null) return 'wrong'
    const step = TOTP.counter({ period: TOTP_PERIOD, timestamp: now }) + delta
    // One statement, so two requests with the same code cannot both pass.
    const claimed = await db
      .from('users')
      .where('id', user.id)
      .where((query) => query.whereNull('totp_last_step').orWhere('totp_last_step', '<', step))
      .update({ totp_last_step: step })
    if (Number(Array.isArray(claimed) ? claimed[0] : claimed) === 0) return 'replayed'
    user.totpLastStep = step
    return 'accepted'
  }
}
