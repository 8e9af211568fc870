import hash from '@adonisjs/core/services/hash'
import type User from '#models/platform/user'
import TwoFactor from '#services/platform/staff_accounts/two_factor'

export type ReauthenticationErrors = Partial<Record<'password' | 'code', string[]>>

/**
 * A signed-in session alone is not enough for changes that would let its
 * holder keep the account (new recovery codes): the person proves again that
 * they know the password and hold the authenticator app.
 */
export default class StaffReauthentication {
  /** The errors to show beside each field; null when both are right. */
  static async check(user: User, password: string, code: string) {
    const errors: ReauthenticationErrors = {}
    if (!(await hash.verify(user.password, password))) {
      errors.password = ['Your password is not right']
    }
    // Checked even after a wrong password, so the answer does not say which one was wrong first.
    const codeCheck = await TwoFactor.verify(user, code)
    if (codeCheck === 'wrong') {
      errors.code = [
        'The code is not right. Enter the 6-digit code your authenticator app shows now',
      ]
    } else if (codeCheck === 'replayed') {
      errors.code = ['That code has already been used. Wait for your app to show a new code']
    }
    return Object.keys(errors).length ? errors : null
  }
}
