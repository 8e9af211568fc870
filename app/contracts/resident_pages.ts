import type { HttpContext } from '@adonisjs/core/http'

/**
 * Resident pages: a plugin's own routes for the signed-in resident, under
 * /my-alerts/plugins/<id>/…, behind the same magic-link session as the core's
 * "Your alerts" pages (someone not signed in is sent to the sign-in page) and
 * answering 404 while the plugin is disabled. Forms post with
 * {{ csrfField() }}; a script posting JSON sends the page's CSRF token in the
 * X-CSRF-Token header. Views use the core's layout, `@layout({ title })`.
 *
 * @example
 * context.residentPages((pages) => {
 *   pages.post('/browsers', async ({ request, response }, resident) => {
 *     await saveBrowser(resident.residentId, request.body())
 *     return response.created({ ok: true })
 *   })
 * })
 */

/** Who is asking: the signed-in resident. Every query is scoped to residentId. */
export interface ResidentScope {
  residentId: number
  /** Their chosen language code. */
  language: string
}

export type ResidentPageHandler = (ctx: HttpContext, resident: ResidentScope) => unknown

/** Declares routes; paths are relative to /my-alerts/plugins/<id>. */
export interface ResidentPageRouter {
  get(path: string, handler: ResidentPageHandler): void
  post(path: string, handler: ResidentPageHandler): void
}
