import { definePlugin } from '#contracts/plugin'
import type { SettingsReader } from '#contracts/settings'
import { smsSettings, type SmsInstallSettings } from './src/settings.js'
import { providerFrom, ProviderCache } from './src/providers.js'
import { SmsChannel } from './src/sms_channel.js'
import { registerWebhooks } from './src/webhooks.js'
import { SmsReplies } from './src/replies.js'
import { verificationText } from './src/verification_text.js'
import { smsAnswerer } from './src/answers.js'

/**
 * Text messages: alerts to residents' verified mobile numbers through
 * GOV.UK Notify or Twilio, delivery receipts, STOP and replies, and the
 * codes that verify a mobile number. README.md says what staff set up.
 */
export default definePlugin({
  id: 'sms',
  name: 'Text messages',
  description:
    'Sends alerts by text message (GOV.UK Notify or Twilio) to residents who verified their mobile number; receives delivery receipts, STOP and replies.',
  version: '1.0.0',
  settings: smsSettings(async (values: SmsInstallSettings) => {
    const { provider, reason } = providerFrom(values)
    return provider ? provider.check() : { ok: false, message: reason! }
  }),
  register(context) {
    const settings: SettingsReader = context.settings
    const providers = new ProviderCache(settings)
    const appUrl = String(context.app.config.get('app.appUrl', ''))
    const { statusCallbackUrl } = registerWebhooks(context, providers, appUrl)
    context.channel(new SmsChannel(providers, settings, statusCallbackUrl))
    // A resident who wrote by text is answered by text from Residents → Inbox.
    context.replies.answerBy('sms', smsAnswerer(context.residents, providers))

    context.verification.deliverCodes('mobile', {
      async deliver(message) {
        const { provider, reason } = await providers.current()
        if (!provider) return { delivered: false, reason: reason! }
        const answer = await provider.send(message.number, verificationText(message), {
          reference: 'verification',
        })
        return answer.ok ? { delivered: true } : { delivered: false, reason: answer.reason }
      },
    })

    context.slot('staff.resident_record', {
      view: 'resident_replies',
      data: async ({ residentId, organisationId }) => ({
        replies: await SmsReplies.ofResident(context.residents, residentId, organisationId),
      }),
    })

    context.staffPages(
      (pages) => {
        pages.get('/replies', async ({ view }, staff) =>
          view.render('sms::replies', {
            replies: await SmsReplies.ofOrganisation(context.residents, staff.organisationId),
          })
        )
      },
      {
        roles: ['admin', 'approver', 'sender', 'officer'],
        nav: [{ group: 'Residents', label: 'Text replies', path: '/replies' }],
      }
    )

    context.privacy({
      async export(residentId) {
        const replies = await SmsReplies.ofResident(context.residents, residentId)
        return replies.length
          ? replies.map((reply) => ({
              'Text message you sent': reply.body,
              'Received': reply.receivedAt.toISOString(),
              'In reply to the alert': reply.alertTitle,
            }))
          : null
      },
      async erase({ residentId }) {
        await SmsReplies.erase(residentId)
      },
    })
  },
})
