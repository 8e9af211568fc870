import config from '@adonisjs/core/services/config'
import limiter from '@adonisjs/limiter/services/main'
import { errors as limiterErrors } from '@adonisjs/limiter'
import StaffAccountUnderAttack from '#services/platform/staff_accounts/staff_account_under_attack'

type Scope = 'account' | 'address'

const LIMIT_SETTING: Record<Scope, string> = {
  account: 'beacon.rateLimits.staffSignInFailuresPerAccount',
  address: 'beacon.rateLimits.staffSignInFailuresPerAddress',
}

/**
 * Failed staff sign-ins, counted two more ways than the login form's own
 * limit (one address trying one email): one account tried from any number of
 * addresses (a botnet guessing one password), and one address trying any
 * number of accounts (one machine spraying a common password). Only failures
 * count, and a success resets neither, so an attacker with an account of
 * their own cannot wipe their count. Once a count is used up, even the right
 * password is refused until the window passes, or until the holder chooses a
 * new password (clearAccount): otherwise anyone knowing an admin's email
 * could keep them out for good.
 */
export default class StaffSignInLimits {
  /** Throws the "Too many attempts" answer when this account or this address used up its failures. */
  static async guard(email: string, address: string) {
    for (const [scope, key] of this.#keys(email, address)) {
      const response = await this.#limiter(scope).get(key)
      if (response && response.remaining <= 0) throw new limiterErrors.E_TOO_MANY_REQUESTS(response)
    }
  }

  /** Counts a wrong password or code; the account's holder hears of it once the account's count is used up. */
  static async recordFailure(email: string, address: string) {
    for (const [scope, key] of this.#keys(email, address)) {
      const { consumed, limit } = await this.#limiter(scope).increment(key)
      if (scope === 'account' && consumed >= limit) {
        await StaffAccountUnderAttack.tellHolder(email, this.#windowMinutes())
      }
    }
  }

  /** A new password, set from a link only the holder received, ends the account's pause. */
  static async clearAccount(email: string) {
    await this.#limiter('account').delete(this.#accountKey(email))
    await StaffAccountUnderAttack.forgetWarningTo(email)
  }

  static #keys(email: string, address: string): Array<[Scope, string]> {
    return [
      ['account', this.#accountKey(email)],
      ['address', `staff-sign-in-address:${address}`],
    ]
  }

  static #accountKey(email: string) {
    return `staff-sign-in-account:${email.trim().toLowerCase()}`
  }

  static #limiter(scope: Scope) {
    return limiter.use({
      requests: config.get<number>(LIMIT_SETTING[scope]),
      duration: `${this.#windowMinutes()} minutes`,
    })
  }

  static #windowMinutes() {
    return config.get<number>('beacon.rateLimits.staffSignInFailureWindowMinutes')
  }
}
