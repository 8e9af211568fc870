import { createHash } from 'node:crypto'
import type { HttpContext } from '@adonisjs/core/http'
import User from '#models/platform/user'
import StaffSessions, { STAFF_SESSION_KEY } from '#services/platform/staff_accounts/staff_sessions'

const PENDING_KEY = 'staffPendingSignIn'
// Time to open the authenticator app after the password, not to leave a half-signed-in browser.
const PENDING_MINUTES = 10

interface PendingSignIn {
  userId: number
  email: string
  at: number
  credentials: string
}

type SessionContext = Pick<HttpContext, 'session'>

/**
 * Staff sign in in two steps. A correct password only marks the browser's
 * session as waiting for the second factor: nobody is signed in (auth.login)
 * until the code from the authenticator app, or a recovery code, is right.
 */
export default class StaffSignIn {
  static begin({ session }: SessionContext, user: User) {
    const pending: PendingSignIn = {
      userId: user.id,
      email: user.email,
      at: Date.now(),
      credentials: credentialsFingerprint(user),
    }
    session.put(PENDING_KEY, pending)
  }

  /** The user who gave the right password in this browser in the last few minutes. */
  static async pendingUser({ session }: SessionContext) {
    const pending = session.get(PENDING_KEY) as PendingSignIn | undefined
    if (!pending || Date.now() - pending.at > PENDING_MINUTES * 60_000) return null
    const user = await User.find(pending.userId)
    // A password or two-factor reset since the password step ends the half sign-in.
    return user &&
      user.email === pending.email &&
      pending.credentials === credentialsFingerprint(user)
      ? user
      : null
  }

  /** The email of the pending sign-in, for rate limits keyed on the person. */
  static pendingEmail({ session }: SessionContext) {
    return (session.get(PENDING_KEY) as PendingSignIn | undefined)?.email ?? null
  }

  static async complete(ctx: Pick<HttpContext, 'session' | 'auth'>, user: User) {
    ctx.session.forget(PENDING_KEY)
    await ctx.auth.use('web').login(user)
    ctx.session.put(STAFF_SESSION_KEY, await StaffSessions.start(user.id))
  }

  static async signOut(ctx: Pick<HttpContext, 'session' | 'auth'>) {
    await StaffSessions.end(ctx.session.get(STAFF_SESSION_KEY))
    ctx.session.forget(STAFF_SESSION_KEY)
    await ctx.auth.use('web').logout()
  }
}

/**
 * Changes when the password or the confirmed second factor changes. Kept in
 * the session instead of the hash itself; enrolling an app mid-sign-in does
 * not change it (only confirming does, and that completes the sign-in).
 */
function credentialsFingerprint(user: User) {
  return createHash('sha256')
    .update(`${user.password}|${user.totpConfirmedAt?.toISO() ?? ''}`)
    .digest('base64url')
}
