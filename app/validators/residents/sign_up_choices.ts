import vine from '@vinejs/vine'
import { PlainEnglishMessages } from '#validators/platform/plain_english_messages'
import { clockTime, differentTimeFrom } from '#validators/platform/rules/clock_time'

/** The channels ticked; whether each is offered to this resident is the controller's question. */
export const signUpChannelsValidator = vine.create({
  channelIds: vine.array(vine.string().trim().maxLength(40)).minLength(1).maxLength(20),
})

signUpChannelsValidator.messagesProvider = new PlainEnglishMessages({
  'channelIds.required': 'Choose at least one way to get alerts',
  'channelIds.minLength': 'Choose at least one way to get alerts',
  'channelIds': 'Choose from the list',
})

export const quietTimeChoiceValidator = vine.create({
  wantsQuietTime: vine.enum(['yes', 'no']),
})

quietTimeChoiceValidator.messagesProvider = new PlainEnglishMessages({
  wantsQuietTime: 'Choose whether you want a quiet time',
})

/** Checked only when they want a quiet time: times left in the hidden fields otherwise do not matter. */
export const quietTimeValidator = vine.create({
  quietFrom: vine.string().trim().use(clockTime()),
  quietTo: vine
    .string()
    .trim()
    .use(clockTime())
    .use(differentTimeFrom({ otherField: 'quietFrom' })),
  emergencyOverride: vine.boolean().optional(),
})

quietTimeValidator.messagesProvider = new PlainEnglishMessages({
  'quietFrom.required': 'Enter the time your quiet time starts, like 21:00',
  'quietFrom': 'Enter the start time on the 24-hour clock, like 21:00',
  'quietTo.required': 'Enter the time your quiet time ends, like 08:00',
  'quietTo.differentTimeFrom': 'The quiet time must end at a different time from when it starts',
  'quietTo': 'Enter the end time on the 24-hour clock, like 08:00',
  'emergencyOverride': 'Tick the box to get emergencies during your quiet time, or leave it empty',
})
