/* Browser push for residents' alerts. Registered at the site's root scope
   (the script is served with Service-Worker-Allowed: /), it handles only push
   events and notification clicks: it never intercepts the site's requests. */

self.addEventListener('install', () => self.skipWaiting())
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()))

self.addEventListener('push', (event) => {
  let alert = {}
  try {
    alert = event.data ? event.data.json() : {}
  } catch {
    alert = { body: event.data ? event.data.text() : '' }
  }
  const title = alert.title || 'New alert'
  event.waitUntil(
    self.registration.showNotification(title, {
      body: alert.body || '',
      // The same tag for an alert's later versions: its cancellation replaces the notification.
      tag: alert.tag || undefined,
      renotify: Boolean(alert.tag),
      requireInteraction: !alert.cancelled && Number(alert.priority) >= 5,
      data: {
        url: alert.url || '/my-alerts/received',
        rateUrl: alert.rateUrl || null,
        priority: alert.priority || null,
      },
      actions: alert.rateUrl && !alert.cancelled ? [{ action: 'rate', title: 'Rate this alert' }] : [],
    })
  )
})

self.addEventListener('notificationclick', (event) => {
  event.notification.close()
  const data = event.notification.data || {}
  // "Rate this alert" opens the resident's short rating link; anywhere else, the alert.
  const target = event.action === 'rate' && data.rateUrl ? data.rateUrl : data.url
  const url = new URL(target || '/my-alerts/received', self.location.origin).href
  event.waitUntil(openAlert(url))
})

async function openAlert(url) {
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true })
  const open = windows.find((client) => client.url === url)
  if (open) return open.focus()
  try {
    return await self.clients.openWindow(url)
  } catch (error) {
    // Without a user gesture a browser may refuse a new window: move a window of the site instead.
    const controlled = windows.find((client) => 'navigate' in client)
    if (controlled) return controlled.navigate(url)
    throw error
  }
}
