import type { Page } from 'playwright'
import type User from '#models/user'
import { BrowserLikeSession } from '#tests/helpers/http'
import { STAFF_PASSWORD } from '#tests/helpers/fixtures'

/**
 * A member of staff signed in through the login form, as a browser without
 * JavaScript. Every test that needs a signed-in member of staff comes here,
 * so the sign-in steps live in one place.
 */
/** Both test browsers (plain forms and multipart uploads) share these steps. */
interface FormSession {
  get(path: string): Promise<{ text: string; url: string }>
  post(path: string, fields?: Record<string, unknown>): Promise<{ text: string; url: string }>
  submit(path: string, fields: Record<string, unknown>): Promise<{ text: string; url: string }>
}

export async function signInStaff<T extends FormSession = BrowserLikeSession>(
  user: User,
  browser: T = new BrowserLikeSession() as unknown as T
): Promise<T> {
  const page = await browser.submit('/staff/login', { email: user.email, password: STAFF_PASSWORD })
  if (!page.text.includes('Sign out')) {
    throw new Error(`Sign-in failed:\n${page.text.slice(0, 2000)}`)
  }
  return browser
}

/** The same, in a real browser page already open on the login form or anywhere else. */
export async function signInStaffInBrowser(page: Page, user: User) {
  if (!page.url().includes('/staff/login')) await page.goto('/staff/login')
  await page.getByLabel('Email address').fill(user.email)
  await page.getByLabel('Password').fill(STAFF_PASSWORD)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.getByRole('button', { name: 'Sign out' }).waitFor()
}
