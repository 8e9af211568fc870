import vine from '@vinejs/vine'
import { PlainEnglishMessages } from '#validators/platform/plain_english_messages'

export const trackingSettingsValidator = vine.create({
  // An unticked checkbox sends nothing: tracking is then off.
  tracksEngagement: vine.boolean().optional(),
})

trackingSettingsValidator.messagesProvider = new PlainEnglishMessages({
  tracksEngagement: 'Tick the box, or leave it empty',
})
