import type {
  OrganisationChannel,
  OrganisationTarget,
  OutgoingTargetDelivery,
  TargetOutcome,
  TargetsQuery,
} from '#contracts/organisation_channel'
import type { SettingsReader } from '#contracts/settings'
import {
  apiAddress,
  GRAPH_API,
  X_API,
  type SocialInstallSettings,
  type SocialSettings,
} from './settings.js'
import { postToPage, type FacebookPage } from './facebook.js'
import { postToX, type XAccount } from './x.js'
import { facebookPostText, xPostText } from './post_text.js'
import { SocialPosts, type Network } from './posts.js'

/** The organisation's Facebook Page, when both halves are set. */
export function facebookPageOf(
  values: SocialSettings,
  install: SocialInstallSettings
): FacebookPage | null {
  if (!values.facebook_page_id || !values.facebook_page_token) return null
  return {
    baseUrl: apiAddress(install.graph_api_url, GRAPH_API),
    pageId: values.facebook_page_id,
    token: values.facebook_page_token,
  }
}

/** The organisation's X account, when all four keys are set. */
export function xAccountOf(
  values: SocialSettings,
  install: SocialInstallSettings
): XAccount | null {
  const keys = [
    values.x_api_key,
    values.x_api_secret,
    values.x_access_token,
    values.x_access_token_secret,
  ]
  if (!keys.every(Boolean)) return null
  const [consumerKey, consumerSecret, token, tokenSecret] = keys as string[]
  return {
    baseUrl: apiAddress(install.x_api_url, X_API),
    consumerKey,
    consumerSecret,
    token,
    tokenSecret,
  }
}

/**
 * Auto-posting: a public alert, once sent, is posted to the organisation's
 * Facebook Page and X account. It is an organisation channel, so the core's
 * ledger posts it from a job (never holding up the residents' alert),
 * retries what failed for a while and shows staff what did not work.
 * Targets are the networks (keys "facebook" and "x"), never the secrets.
 */
export class SocialChannel implements OrganisationChannel {
  readonly id = 'social'
  readonly label = 'Social media posts'

  constructor(private settings: SettingsReader) {}

  async targets(organisationId: number, alert?: TargetsQuery): Promise<OrganisationTarget[]> {
    // Only public alerts are posted (the post links to the public page), and not one the sender kept back.
    if (!alert?.isPublic || (await SocialPosts.optedOut(alert.alertId))) return []
    const values = await this.settings.forOrganisation<SocialSettings>(organisationId)
    const install = await this.settings.forInstall<SocialInstallSettings>()
    const targets: OrganisationTarget[] = []
    const page = facebookPageOf(values, install)
    if (page) targets.push({ key: 'facebook', label: `Facebook Page ${page.pageId}` })
    if (xAccountOf(values, install)) targets.push({ key: 'x', label: 'X' })
    return targets
  }

  async send(delivery: OutgoingTargetDelivery): Promise<TargetOutcome> {
    const { alert } = delivery
    if (!alert.publicUrl) return { status: 'failed', reason: 'The alert is no longer public' }
    const values = await this.settings.forOrganisation<SocialSettings>(delivery.organisationId)
    const install = await this.settings.forInstall<SocialInstallSettings>()
    const network = delivery.target.key as Network
    const post = { title: alert.title, bodyText: alert.bodyText, publicUrl: alert.publicUrl }

    let outcome: TargetOutcome & { url?: string }
    if (network === 'facebook') {
      const page = facebookPageOf(values, install)
      if (!page)
        return { status: 'failed', reason: 'The Facebook Page was removed from the settings' }
      outcome = await postToPage(page, { message: facebookPostText(post), link: alert.publicUrl })
    } else if (network === 'x') {
      const account = xAccountOf(values, install)
      if (!account) return { status: 'failed', reason: 'The X keys were removed from the settings' }
      outcome = await postToX(account, xPostText(post))
    } else {
      return { status: 'failed', reason: 'Not a network this plugin posts to' }
    }
    if (outcome.status === 'sent' && outcome.url) {
      await SocialPosts.record(alert.id, network, outcome.providerId ?? '', outcome.url)
      return { status: 'sent', providerId: outcome.providerId }
    }
    return outcome
  }
}
