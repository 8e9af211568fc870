import router from '@adonisjs/core/services/router'
import logger from '@adonisjs/core/services/logger'
import type { HttpContext } from '@adonisjs/core/http'
import type { InboundWebhook } from '#contracts/webhooks'

const PATH = /^(\/[a-z0-9][a-z0-9._-]*)+$/

/**
 * Plugins' inbound webhooks (#contracts/webhooks). The routes are exempt from
 * CSRF (config/shield.ts asks isPluginWebhook) because each one runs its
 * plugin's verifier before anything else; refusals are logged, counted per
 * address and answered 401 with no detail.
 */
class PluginWebhooks {
  #patterns = new Set<string>()

  register(pluginId: string, path: string, webhook: InboundWebhook, isEnabled: () => boolean) {
    if (!PATH.test(path)) {
      throw new Error(`Plugin ${pluginId}: webhook path "${path}" must look like "/receipts"`)
    }
    const pattern = `/plugins/${pluginId}/webhooks${path}`
    this.#patterns.add(pattern)
    const handler = (ctx: HttpContext) => this.#answer(pluginId, pattern, webhook, isEnabled, ctx)
    const method = webhook.method ?? 'POST'
    if (method === 'GET') router.get(pattern, handler)
    else if (method === 'PUT') router.put(pattern, handler)
    else router.post(pattern, handler)
  }

  /** For config/shield.ts: only these routes skip the CSRF check. */
  isPluginWebhook(ctx: HttpContext) {
    const pattern = ctx.route?.pattern
    return pattern !== undefined && this.#patterns.has(pattern)
  }

  async #answer(
    pluginId: string,
    pattern: string,
    webhook: InboundWebhook,
    isEnabled: () => boolean,
    ctx: HttpContext
  ) {
    if (!isEnabled()) return ctx.response.notFound('Not found')
    const address = ctx.request.ip()
    // Late: config/shield.ts imports this file before the limiter exists.
    const { pluginWebhookFailures } = await import('#start/limiter')
    const failures = pluginWebhookFailures()
    const key = `plugin-webhook:${address}`
    const counted = await failures.get(key)
    if (counted && counted.remaining <= 0) {
      ctx.response.header('Retry-After', String(counted.availableIn))
      return ctx.response.tooManyRequests('Too many requests')
    }
    if (!(await this.#verified(pluginId, webhook, ctx))) {
      await failures.increment(key)
      logger.warn({ plugin: pluginId, route: pattern, ip: address }, 'plugin webhook refused')
      return ctx.response.unauthorized('Unauthorized')
    }
    return webhook.handle(ctx)
  }

  async #verified(pluginId: string, webhook: InboundWebhook, ctx: HttpContext) {
    try {
      return (await webhook.verify(ctx.request)) === true
    } catch (error) {
      logger.warn({ err: error, plugin: pluginId }, 'plugin webhook verifier threw')
      return false
    }
  }
}

const pluginWebhooks = new PluginWebhooks()
export default pluginWebhooks
