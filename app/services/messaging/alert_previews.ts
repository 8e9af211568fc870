import {
  RECIPIENT_TOKENS,
  type Channel,
  type ChannelVariant,
  type RenderableAlert,
} from '#contracts/channel'
import type Alert from '#models/messaging/alert'
import channelRegistry from '#services/platform/plugins/channel_registry'
import {
  pushVariant,
  renderableAlert,
  smsVariant,
  voiceVariant,
} from '#services/messaging/alert_rendering'
import { countSms, describeSms, type SmsCount } from '#services/messaging/sms_segments'
import { DEFAULT_LANGUAGE } from '#services/messaging/alert_variants'
import recipientLinks from '#services/messaging/recipient_links'

export const PREVIEW_RECIPIENT_NAME = '[the resident’s name]'

/** The core's own rendering of the channels plugins bring, for previews before one is enabled. */
const CORE_RENDERERS: Record<string, (alert: RenderableAlert) => ChannelVariant> = {
  sms: smsVariant,
  voice: voiceVariant,
  push: pushVariant,
}

export interface AlertPreview {
  email: ChannelVariant
  sms: ChannelVariant & { count: SmsCount; counter: string }
  voice: ChannelVariant
  push: ChannelVariant
}

function personalise(variant: ChannelVariant, unsubscribeUrl: string): ChannelVariant {
  // Footer links (rating the alert) are the resident's own: the preview's go nowhere, like its unsubscribe link.
  const links = recipientLinks.tokens()
  const fill = (text: string) =>
    links.reduce(
      (filled, token) => filled.replaceAll(token, unsubscribeUrl),
      text
        .replaceAll(RECIPIENT_TOKENS.name, PREVIEW_RECIPIENT_NAME)
        .replaceAll(RECIPIENT_TOKENS.unsubscribeUrl, unsubscribeUrl)
    )
  return {
    ...variant,
    text: fill(variant.text),
    html: variant.html === undefined ? undefined : fill(variant.html),
  }
}

async function render(id: string, alert: RenderableAlert) {
  // An enabled plugin's channel renders its own preview; otherwise the core shows its default.
  const channel: Channel | undefined = channelRegistry.get(id)
  if (channel) return channel.render(alert, DEFAULT_LANGUAGE)
  return CORE_RENDERERS[id](alert)
}

/**
 * Each channel's version of an alert as a resident would get it, with the
 * organisation's branding, rendered exactly as a send renders it.
 */
export default class AlertPreviews {
  static async of(alert: Alert): Promise<AlertPreview> {
    await alert.load('organisation')
    const renderable = renderableAlert(alert)
    const email = channelRegistry.get('email')
    if (!email) throw new Error('The email channel is not registered')
    const sms = personalise(await render('sms', renderable), '#')
    const count = countSms(sms.text)
    return {
      email: personalise(await email.render(renderable, DEFAULT_LANGUAGE), '#'),
      sms: { ...sms, count, counter: describeSms(count) },
      voice: personalise(await render('voice', renderable), '#'),
      push: personalise(await render('push', renderable), '#'),
    }
  }
}
