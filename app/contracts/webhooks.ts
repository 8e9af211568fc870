import type { HttpContext, HttpRequest } from '@adonisjs/core/http'

/**
 * Inbound webhooks: a provider calls Beacon (a delivery receipt, a sync
 * notification). Routes live under /plugins/<id>/webhooks/<path>. They are
 * exempt from CSRF only because the plugin's verify() runs first: a request
 * it refuses is logged, counts towards a per-address limit (too many
 * failures and the address is refused for a while with 429) and is answered
 * 401 with no detail. A disabled plugin's webhooks answer 404.
 *
 * verify() receives the request with its raw body (request.raw()) so that a
 * signature over the exact bytes can be checked; compare with
 * crypto.timingSafeEqual and refuse old timestamps (replay).
 *
 * @example
 * context.webhook('/receipts', {
 *   verify: (request) => validSignature(request.header('x-signature'), request.raw() ?? ''),
 *   handle: async ({ request, response }) => {
 *     await recordReceipt(request.body())
 *     return response.noContent()
 *   },
 * })
 */
export interface InboundWebhook {
  /** Defaults to POST. */
  method?: 'POST' | 'PUT' | 'GET'
  /** True when the request is genuinely from the provider. Throwing counts as false. */
  verify(request: HttpRequest): boolean | Promise<boolean>
  handle(ctx: HttpContext): unknown
}
