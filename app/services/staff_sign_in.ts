import type { HttpContext } from '@adonisjs/core/http'
import User from '#models/user'
import StaffSessions, { STAFF_SESSION_KEY } from '#services/staff_sessions'

const PENDING_KEY = 'staffPendingSignIn'
// Time to open the authenticator app after the password, not to leave a half-signed-in browser.
const PENDING_MINUTES = 10

interface PendingSignIn {
  userId: number
  email: string
  at: number
}

type SessionContext = Pick<HttpContext, 'session'>

/**
 * Staff sign in in two steps. A correct password only marks the browser's
 * session as waiting for the second factor: nobody is signed in (auth.login)
 * until the code from the authenticator app, or a recovery code, is right.
 */
export default class StaffSignIn {
  static begin({ session }: SessionContext, user: User) {
    session.put(PENDING_KEY, { userId: user.id, email: user.email, at: Date.now() })
  }

  /** The user who gave the right password in this browser in the last few minutes. */
  static async pendingUser({ session }: SessionContext) {
    const pending = session.get(PENDING_KEY) as PendingSignIn | undefined
    if (!pending || Date.now() - pending.at > PENDING_MINUTES * 60_000) return null
    const user = await User.find(pending.userId)
    return user && user.email === pending.email ? user : null
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
