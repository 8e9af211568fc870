import vine from '@vinejs/vine'
import { PlainEnglishMessages } from '#validators/platform/plain_english_messages'

export const trackingPreferenceValidator = vine.create({
  tracking: vine.enum(['allow', 'decline']),
})

trackingPreferenceValidator.messagesProvider = new PlainEnglishMessages({
  tracking: 'Choose whether we may see when you open alerts',
})
