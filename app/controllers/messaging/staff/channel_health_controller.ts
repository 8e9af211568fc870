import type { HttpContext } from '@adonisjs/core/http'
import ChannelHealth, { HEALTH_WINDOW_DAYS } from '#services/messaging/delivery/channel_health'
import LondonTime from '#services/platform/infrastructure/london_time'
import ChannelTestSend from '#services/messaging/delivery/channel_test_send'

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

  /** "Send a test to me": through the channel's own render() and send(), to the member who asked. */
  async test({ params, response, bouncer, session, auth, membership }: HttpContext) {
    await bouncer.with('InstallPolicy').authorize('manage')
    await membership.load('organisation')
    const result = await ChannelTestSend.toMember(
      String(params.id),
      auth.getUserOrFail(),
      membership.organisation
    )
    session.flash(result.ok ? 'success' : 'error', result.message)
    return response.redirect().toPath('/staff/settings/channels')
  }
}
