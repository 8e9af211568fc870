import type { HttpContext } from '@adonisjs/core/http'
import ChannelHealth, { HEALTH_WINDOW_DAYS } from '#services/messaging/delivery/channel_health'
import LondonTime from '#services/platform/infrastructure/london_time'

/** Settings → Channels: each channel's health across the install (install admins). */
export default class ChannelHealthController {
  async index({ view, bouncer }: HttpContext) {
    await bouncer.with('InstallPolicy').authorize('manage')
    const channels = await ChannelHealth.report()
    return view.render('pages/staff/channels/index', {
      windowDays: HEALTH_WINDOW_DAYS,
      channels: channels.map((channel) => ({
        ...channel,
        lastSuccess: channel.lastSuccessAt ? LondonTime.short(channel.lastSuccessAt) : null,
        failurePercent:
          channel.failureRate === null ? null : Math.round(channel.failureRate * 1000) / 10,
      })),
    })
  }
}
