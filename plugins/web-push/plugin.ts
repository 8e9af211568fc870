import { definePlugin } from '#contracts/plugin'
import { webPushSettings, type WebPushValues } from './src/settings.js'
import { PushChannel } from './src/push_channel.js'
import { publicFiles } from './src/public_files.js'
import { addBrowser, browsersOf, removeBrowser } from './src/browsers.js'

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
    context.channel(new PushChannel(settings, contacts))
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
