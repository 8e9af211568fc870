import vine from '@vinejs/vine'
import { PlainEnglishMessages } from '#validators/platform/plain_english_messages'

export const approvalSettingsValidator = vine.create({
  // An unticked checkbox sends nothing: approval is then off.
  requiresApproval: vine.boolean().optional(),
  // Empty boxes: no such warning before sending.
  officeHoursFrom: vine.number().withoutDecimals().range([0, 23]).optional(),
  officeHoursTo: vine.number().withoutDecimals().range([1, 24]).optional(),
  largeAudienceWarning: vine.number().withoutDecimals().min(1).max(10_000_000).optional(),
})

approvalSettingsValidator.messagesProvider = new PlainEnglishMessages({
  requiresApproval: 'Tick the box, or leave it empty',
  officeHoursFrom: 'Enter the hour office hours start, from 0 to 23, or leave it empty',
  officeHoursTo: 'Enter the hour office hours end, from 1 to 24, or leave it empty',
  largeAudienceWarning: 'Enter a whole number of residents, 1 or more, or leave it empty',
})
