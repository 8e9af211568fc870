import type { Page } from 'playwright'
import { TOTP, Secret } from 'otpauth'
import db from '@adonisjs/lucid/services/db'
import encryption from '@adonisjs/core/services/encryption'
import type User from '#models/platform/user'
import { BrowserLikeSession } from '#tests/helpers/http'
import { STAFF_PASSWORD } from '#tests/helpers/fixtures'
import { TOTP_PERIOD, TOTP_WINDOW } from '#services/platform/staff_accounts/two_factor'

/**
 * A member of staff signed in through the login form, as a browser without
 * JavaScript. Every test that needs a signed-in member of staff comes here,
 * so the sign-in steps (password, then a code from the authenticator app)
 * live in one place.
 */
/** Both test browsers (plain forms and multipart uploads) share these steps. */
interface FormSession {
  get(path: string): Promise<{ text: string; url: string }>
  post(path: string, fields?: Record<string, unknown>): Promise<{ text: string; url: string }>
  submit(path: string, fields: Record<string, unknown>): Promise<{ text: string; url: string }>
}

/** The code an authenticator app with this secret shows at a given 30-second step. */
export function totpCodeAt(base32Secret: string, step: number) {
  return TOTP.generate({
    secret: Secret.fromBase32(base32Secret),
    period: TOTP_PERIOD,
    timestamp: step * TOTP_PERIOD * 1000,
  })
}

export function currentTotpStep() {
  return TOTP.counter({ period: TOTP_PERIOD })
}

/** The user's TOTP secret as stored (decrypted), as their phone knows it. */
export async function totpSecretOf(user: User) {
  const row = await db.from('users').where('id', user.id).select('totp_secret').firstOrFail()
  const secret = row.totp_secret ? encryption.decrypt<string>(row.totp_secret) : null
  if (!secret) throw new Error(`${user.email} has no two-factor secret`)
  return secret
}

/**
 * A code Beacon will accept now. Beacon refuses a code whose time step it has
 * already accepted, and accepts one step either side of now; tests sign the
 * same person in several times within 30 seconds, so this takes the next step
 * not yet used (as a phone with a slightly fast clock would show). Past
 * those, it forgets the last step, as 30 seconds of waiting would.
 */
export async function nextTotpCode(user: User) {
  const secret = await totpSecretOf(user)
  const row = await db.from('users').where('id', user.id).select('totp_last_step').firstOrFail()
  const lastStep = row.totp_last_step === null ? null : Number(row.totp_last_step)
  const now = currentTotpStep()
  // Not the step before now: the server's clock may pass into the next step meanwhile.
  const step = [now, now + TOTP_WINDOW].find(
    (candidate) => lastStep === null || candidate > lastStep
  )
  if (step !== undefined) return totpCodeAt(secret, step)
  await db.from('users').where('id', user.id).update({ totp_last_step: null })
  return totpCodeAt(secret, now)
}

export async function signInStaff<T extends FormSession = BrowserLikeSession>(
  user: User,
  browser: T = new BrowserLikeSession() as unknown as T
): Promise<T> {
  const challenge = await browser.submit('/staff/login', {
    email: user.email,
    password: STAFF_PASSWORD,
  })
  if (!challenge.text.includes('Enter the code from your authenticator app')) {
    throw new Error(`Sign-in failed at the password:\n${challenge.text.slice(0, 2000)}`)
  }
  const page = await browser.post('/staff/two-factor', { code: await nextTotpCode(user) })
  if (!page.text.includes('Sign out')) {
    throw new Error(`Sign-in failed at the code:\n${page.text.slice(0, 2000)}`)
  }
  return browser
}

/** The same, in a real browser page already open on the login form or anywhere else. */
export async function signInStaffInBrowser(page: Page, user: User) {
  if (!page.url().includes('/staff/login')) await page.goto('/staff/login')
  await page.getByLabel('Email address').fill(user.email)
  await page.getByLabel('Password').fill(STAFF_PASSWORD)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.getByLabel('Enter the code from your authenticator app').fill(await nextTotpCode(user))
  await page.getByRole('button', { name: 'Continue' }).click()
  await page.getByRole('button', { name: 'Sign out' }).waitFor()
}
