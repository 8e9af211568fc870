import { definePlugin } from '#contracts/plugin'
import { webPushSettings, type WebPushValues } from './src/settings.js'
import { PushChannel } from './src/push_channel.js'
import { publicFiles } from './src/public_files.js'
import { addBrowser, browsersOf, removeBrowser } from './src/browsers.js'
import { AlertPushes } from './src/alert_pushes.js'

let registered: PushChannel | null = null

/** The channel of the running plugin, for its tests (waiting for a cancellation's pushes). */
export function registeredChannel() {
  return registered
}

/**
 * Browser push: residents opt in on their preferences page, in as many
 * browsers as they like, and each alert appears as a notification that opens
 * it. README.md says what is sent where.
 */
export default definePlugin({
  id: 'web-push',
  name: 'Browser push',
  description:
    'Residents get alerts as notifications in their browsers (phones and computers), after opting in on their preferences page.',
  version: '1.0.0',
  settings: webPushSettings,
  register(context) {
    const { contacts, settings } = context
    const channel = new PushChannel(settings, contacts)
    registered = channel
    context.channel(channel)
    // A cancelled alert's notification is replaced in every browser that took it.
    context.on('alert:cancelled', ({ alertId }) => channel.cancellations.cancelled(alertId))
    context.schedule('replace-cancelled', {
      every: '1m',
      run: () => channel.cancellations.catchUp(),
    })
    context.schedule('forget-old-pushes', { every: '1d', run: () => AlertPushes.forget() })
    context.privacy({
      // Which browser took which alert, kept a week for cancellations: nothing a resident would read.
      export: async () => null,
      erase: ({ residentId }) => AlertPushes.eraseResident(residentId),
    })
    context.routes(publicFiles)
    context.residentPages((pages) => {
      pages.post('/browsers', addBrowser(contacts))
      pages.post('/browsers/:id/remove', removeBrowser(contacts))
    })
    context.slot('public.head', { view: 'head' })
    context.slot('resident.preferences', {
      view: 'preferences',
      data: async ({ residentId }) => {
        const values = await settings.forInstall<WebPushValues>()
        return {
          browsers: await browsersOf(contacts, residentId),
          publicKey: values.vapid_public_key ?? '',
          ready: Boolean(values.vapid_public_key && values.contact_email),
        }
      },
    })
  },
})
