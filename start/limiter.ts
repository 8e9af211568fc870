/*
| Rate limits on forms anyone can send. Limits are read on each request, so
| an install (or a test) can change them in config/beacon.ts.
*/
import config from '@adonisjs/core/services/config'
import limiter from '@adonisjs/limiter/services/main'

export const publicFormThrottle = limiter.define('publicForms', (ctx) => {
  return limiter
    .allowRequests(config.get<number>('beacon.rateLimits.publicForms'))
    .every('10 minutes')
    .usingKey(`public:${ctx.request.ip()}`)
})

export const staffLoginThrottle = limiter.define('staffLogin', (ctx) => {
  const email = String(ctx.request.input('email', '')).toLowerCase().slice(0, 254)
  return limiter
    .allowRequests(config.get<number>('beacon.rateLimits.staffLogin'))
    .every('10 minutes')
    .usingKey(`login:${ctx.request.ip()}:${email}`)
})

/**
 * Plugins' inbound webhooks: only requests the plugin's verifier refused
 * count, per address, so a provider's genuine traffic is never slowed
 * (app/services/platform/plugins/plugin_webhooks.ts).
 */
export function pluginWebhookFailures() {
  return limiter.use({
    requests: config.get<number>('beacon.rateLimits.pluginWebhookFailures'),
    duration: '10 minutes',
  })
}

/** Lookups of alert codes at /verify, per address, so codes cannot be tried in bulk. */
export function verificationLookups() {
  return limiter.use({
    requests: config.get<number>('beacon.rateLimits.verificationLookups'),
    duration: '10 minutes',
  })
}

/** Short rating links (/r/<code>) that matched nothing, per address, so codes cannot be tried in bulk. */
export function shortLinkFailures() {
  return limiter.use({
    requests: config.get<number>('beacon.rateLimits.shortLinkFailures'),
    duration: '10 minutes',
  })
}

/** Requests to /inbound/email whose signature failed, per address (only those count, as for webhooks). */
export function inboundEmailFailures() {
  return limiter.use({
    requests: config.get<number>('beacon.rateLimits.pluginWebhookFailures'),
    duration: '10 minutes',
  })
}

/** Replies by email one resident may send in an hour: a mail loop or a flood stops here. */
export function inboundEmailPerResident() {
  return limiter.use({
    requests: config.get<number>('beacon.rateLimits.inboundEmailsPerResident'),
    duration: '1 hour',
  })
}
