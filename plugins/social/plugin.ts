import { readFile } from 'node:fs/promises'
import { definePlugin } from '#contracts/plugin'
import type { SettingsCheckResult } from '#contracts/settings'
import { socialSettings, type SocialInstallSettings, type SocialSettings } from './src/settings.js'
import { facebookPageOf, SocialChannel, xAccountOf } from './src/social_channel.js'
import { checkPage } from './src/facebook.js'
import { checkX } from './src/x.js'
import { shareLinks } from './src/share_links.js'
import { defaultShareImage } from './src/share_image.js'
import { SocialPosts } from './src/posts.js'

let installSettings: () => Promise<SocialInstallSettings> = async () => ({})

/** Test connection: each account that is set, asked with what staff typed. */
async function check(values: SocialSettings): Promise<SettingsCheckResult> {
  const install = await installSettings()
  const page = facebookPageOf(values, install)
  const account = xAccountOf(values, install)
  if (!page && !account) {
    return { ok: false, message: 'No account is set: enter a Facebook Page or the four X keys.' }
  }
  const results = [
    page ? await checkPage(page) : null,
    account ? await checkX(account) : null,
  ].filter((result) => result !== null)
  return {
    ok: results.every((result) => result.ok),
    message: results.map((r) => r.message).join(' '),
  }
}

const copyScript = new URL('./public/copy_link.js', import.meta.url)

/**
 * Social media: share links and a share image on every public alert page,
 * and, for organisations that set their accounts, each public alert posted
 * to their Facebook Page and X account once it is sent. README.md says
 * what is sent where.
 */
export default definePlugin({
  id: 'social',
  name: 'Social media',
  description:
    'Share links and share images on public alert pages, and public alerts posted to an organisation’s Facebook Page and X account once sent.',
  version: '1.0.0',
  settings: socialSettings(check),
  register(context) {
    const { settings } = context
    installSettings = () => settings.forInstall<SocialInstallSettings>()
    context.organisationChannel(new SocialChannel(settings))

    context.slot('public.alert', {
      view: 'share_links',
      data: ({ title, alertUrl }) => ({ links: shareLinks(title, alertUrl) }),
    })
    context.slot('public.alert_head', {
      view: 'head',
      data: async ({ organisationId, alertUrl, organisationName }) => {
        const own = await settings.forOrganisation<SocialSettings>(organisationId)
        const install = await settings.forInstall<SocialInstallSettings>()
        return {
          image:
            own.share_image_url ??
            install.default_share_image_url ??
            new URL('/plugins/social/share-image.png', alertUrl).toString(),
          imageAlt: `An alert from ${organisationName}`,
        }
      },
    })
    context.slot('staff.composer', {
      view: 'composer',
      data: async ({ alertId, organisationId }) => {
        const values = await settings.forOrganisation<SocialSettings>(organisationId)
        const install = await settings.forInstall<SocialInstallSettings>()
        const networks = [
          facebookPageOf(values, install) ? 'Facebook' : null,
          xAccountOf(values, install) ? 'X' : null,
        ].filter(Boolean)
        // Nothing to choose while no account is set: the partial says nothing then.
        return {
          networks: networks.length ? networks.join(' and ') : null,
          optedOut: alertId ? await SocialPosts.optedOut(alertId) : false,
        }
      },
    })
    context.alertHook({
      async composerSaved({ alertId, fields }) {
        if (fields.social_shown !== '1') return
        await SocialPosts.choose(alertId, fields.social_post === '1')
      },
    })
    context.slot('staff.alert', {
      view: 'staff_alert',
      data: async ({ alertId }) => ({
        posts: await SocialPosts.of(alertId),
        optedOut: await SocialPosts.optedOut(alertId),
      }),
    })

    context.routes((router) => {
      router.get('/copy-link.js', async ({ response }) => {
        response.header('Content-Type', 'text/javascript; charset=utf-8')
        response.header('Cache-Control', 'public, max-age=3600')
        return readFile(copyScript, 'utf8')
      })
      router.get('/share-image.png', async ({ response }) => {
        response.header('Content-Type', 'image/png')
        response.header('Cache-Control', 'public, max-age=86400')
        return defaultShareImage()
      })
    })
  },
})
