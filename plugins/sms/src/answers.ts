import type { ReplyAnswer, ReplyAnswerer } from '#contracts/replies'
import type { ResidentLookup } from '#contracts/residents'
import type { ProviderCache } from './providers.js'
import { SMS_MAX_LENGTH } from './sms_channel.js'

/** Staff's answer as a text: who it is from, then their words, cut to six parts at most. */
export function answerText(answer: ReplyAnswer) {
  const head = `${answer.organisationName}: `
  const room = SMS_MAX_LENGTH - head.length
  const body = answer.body.trim()
  return head + (body.length <= room ? body : `${body.slice(0, room - 1).trimEnd()}…`)
}

/**
 * Answers a resident who wrote by text by text (#contracts/replies answerBy),
 * to their verified mobile, through the provider alerts go by.
 */
export function smsAnswerer(
  residents: Pick<ResidentLookup, 'numbersOf'>,
  providers: ProviderCache
): ReplyAnswerer {
  return {
    async addressOf(residentId) {
      const { mobile } = await residents.numbersOf(residentId)
      return mobile
    },
    async send(answer) {
      const { mobile: number } = await residents.numbersOf(answer.residentId)
      if (!number) return { sent: false, reason: 'the resident has no verified mobile number now.' }
      const { provider, reason } = await providers.current()
      if (!provider) return { sent: false, reason: reason! }
      const sent = await provider.send(number, answerText(answer), { reference: 'reply-answer' })
      return sent.ok ? { sent: true } : { sent: false, reason: sent.reason }
    },
  }
}
