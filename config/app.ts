import env from '#start/env'
import { defineConfig } from '@adonisjs/core/http'
import { trustedProxies } from '#services/platform/infrastructure/trusted_proxies'

export const appUrl = env.get('APP_URL')

/**
 * Served over https (APP_URL says so, whatever NODE_ENV is): cookies are then
 * sent only over https, and browsers are told to keep to it (HSTS).
 */
export const servedOverHttps = new URL(appUrl).protocol === 'https:'

export const http = defineConfig({
  generateRequestId: true,
  allowMethodSpoofing: true,
  useAsyncLocalStorage: false,
  // X-Forwarded-For counts only from these peers (TRUSTED_PROXIES; loopback by default).
  trustProxy: trustedProxies(env.get('TRUSTED_PROXIES')),
  cookie: {
    domain: '',
    path: '/',
    maxAge: '2h',
    httpOnly: true,
    secure: servedOverHttps,
    sameSite: 'lax',
  },
})
