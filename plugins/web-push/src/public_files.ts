import { readFile } from 'node:fs/promises'
import type { Router } from '@adonisjs/core/http'

const here = new URL('../public/', import.meta.url)
const cache = new Map<string, string>()

async function file(name: string) {
  if (!cache.has(name)) cache.set(name, await readFile(new URL(name, here), 'utf8'))
  return cache.get(name)!
}

/**
 * The service worker, the opt-in script and the web app manifest, under
 * /plugins/web-push. The worker may take the site's root scope
 * (Service-Worker-Allowed), so that a notification click can bring any of
 * the site's windows to the alert; it handles nothing but push.
 */
export function publicFiles(router: Router) {
  router.get('/service-worker.js', async ({ response }) => {
    response.header('Content-Type', 'text/javascript; charset=utf-8')
    response.header('Service-Worker-Allowed', '/')
    // A new version must reach browsers soon; they check at most once a day anyway.
    response.header('Cache-Control', 'no-cache')
    return file('service-worker.js')
  })
  router.get('/opt-in.js', async ({ response }) => {
    response.header('Content-Type', 'text/javascript; charset=utf-8')
    response.header('Cache-Control', 'no-cache')
    return file('opt_in.js')
  })
  router.get('/manifest.webmanifest', async ({ request, response }) => {
    // The service's own name, as the page that links it says (the core's layout passes it).
    const name = String(request.input('name', '') || 'Alerts').slice(0, 60)
    response.header('Content-Type', 'application/manifest+json; charset=utf-8')
    return JSON.stringify({
      name,
      short_name: name.slice(0, 12),
      start_url: '/my-alerts/account',
      scope: '/',
      display: 'standalone',
      background_color: '#ffffff',
      theme_color: '#0b0c0c',
      icons: [{ src: '/plugins/web-push/icon.svg', sizes: 'any', type: 'image/svg+xml' }],
    })
  })
  router.get('/icon.svg', async ({ response }) => {
    response.header('Content-Type', 'image/svg+xml')
    response.header('Cache-Control', 'public, max-age=86400')
    return file('icon.svg')
  })
}
