import type { Page } from 'playwright'
import type Resident from '#models/residents/resident'
import { magicLinkSecret } from '#tests/helpers/self_service_fixtures'

/**
 * A resident signed in to their own pages in a real browser (with or without
 * JavaScript), through the link their sign-in email carries: the page ends
 * on "Manage your alerts".
 */
export async function signInResidentInBrowser(page: Page, resident: Resident) {
  await page.goto(`/my-alerts/sign-in/${await magicLinkSecret(resident)}`)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.getByRole('heading', { name: 'Manage your alerts' }).waitFor()
}
