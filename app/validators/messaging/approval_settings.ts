import vine from '@vinejs/vine'
import { PlainEnglishMessages } from '#validators/platform/plain_english_messages'

export const approvalSettingsValidator = vine.create({
  // An unticked checkbox sends nothing: approval is then off.
  requiresApproval: vine.boolean().optional(),
})

approvalSettingsValidator.messagesProvider = new PlainEnglishMessages({
  requiresApproval: 'Tick the box, or leave it empty',
})
