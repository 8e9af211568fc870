import type { Browser, Page } from 'playwright'
import env from '#start/env'

/**
 * Runs `steps` in a page of a new browser context with JavaScript switched
 * off, as a resident's browser may be, and closes the context afterwards.
 */
export async function withoutJavaScript(browser: Browser, steps: (page: Page) => Promise<void>) {
  const context = await browser.newContext({
    javaScriptEnabled: false,
    baseURL: env.get('APP_URL'),
  })
  try {
    await steps(await context.newPage())
  } finally {
    await context.close()
  }
}
