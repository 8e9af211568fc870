import vine from '@vinejs/vine'
import { PlainEnglishMessages } from '#validators/platform/plain_english_messages'
import { clockTime, differentTimeFrom } from '#validators/platform/rules/clock_time'
import { knownIds } from '#validators/platform/rules/known_ids'
import { ABOUT_YOU_QUESTIONS } from '#services/residents/preferences/resident_demographics'

export const magicLinkRequestValidator = vine.create({
  email: vine.string().trim().maxLength(254).email(),
})

magicLinkRequestValidator.messagesProvider = new PlainEnglishMessages({
  'email.required': 'Enter your email address',
  'email.maxLength': 'Your email address must be 254 characters or fewer',
  'email': 'Enter an email address in the correct format, like name@example.com',
})

export const channelPreferenceValidator = vine.create({
  enabled: vine.boolean().optional(),
  quietFrom: vine.string().trim().use(clockTime()).optional().requiredIfExists('quietTo'),
  quietTo: vine
    .string()
    .trim()
    .use(clockTime())
    .use(differentTimeFrom({ otherField: 'quietFrom' }))
    .optional()
    .requiredIfExists('quietFrom'),
  emergencyOverride: vine.boolean().optional(),
})

channelPreferenceValidator.messagesProvider = new PlainEnglishMessages({
  'enabled': 'Tick the box to get alerts this way, or leave it empty',
  'quietFrom.required': 'Enter the time your quiet time starts, or leave both times empty',
  'quietFrom': 'Enter the start time on the 24-hour clock, like 21:00',
  'quietTo.required': 'Enter the time your quiet time ends, or leave both times empty',
  'quietTo.differentTimeFrom': 'The quiet time must end at a different time from when it starts',
  'quietTo': 'Enter the end time on the 24-hour clock, like 08:00',
  'emergencyOverride': 'Tick the box to get emergencies during your quiet time, or leave it empty',
})

export const priorityThresholdValidator = vine.create({
  priorityThreshold: vine.number().withoutDecimals().range([1, 5]),
})

priorityThresholdValidator.messagesProvider = new PlainEnglishMessages({
  'priorityThreshold.required': 'Choose the lowest priority of alert you want to get',
  'priorityThreshold': 'Choose a priority from 1 to 5',
})

/** The code's form only: whether it is offered now is the controller's question (a plugin may offer more). */
export const languageValidator = vine.create({
  language: vine
    .string()
    .trim()
    .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/),
})

languageValidator.messagesProvider = new PlainEnglishMessages({
  'language.required': 'Choose the language you want your alerts in',
  'language': 'Choose a language from the list',
})

function idList(table: string) {
  return vine.array(vine.any()).maxLength(500).use(knownIds({ table })).optional()
}

export const interestsValidator = vine.create({ interestIds: idList('interests') })

interestsValidator.messagesProvider = new PlainEnglishMessages({
  interestIds: 'Choose topics from the list. One of them may have just been removed',
})

export const schemesValidator = vine.create({ schemeIds: idList('schemes') })

schemesValidator.messagesProvider = new PlainEnglishMessages({
  schemeIds: 'Choose schemes from the list. One of them may have just been removed',
})

export const consentsValidator = vine.create({ organisationIds: idList('organisations') })

consentsValidator.messagesProvider = new PlainEnglishMessages({
  organisationIds: 'Choose organisations from the list',
})

function answerTo(question: keyof typeof ABOUT_YOU_QUESTIONS) {
  return vine.enum(ABOUT_YOU_QUESTIONS[question].map((choice) => choice.value)).optional()
}

export const aboutYouValidator = vine.create({
  ageBand: answerTo('ageBand'),
  sex: answerTo('sex'),
  ethnicity: answerTo('ethnicity'),
  disability: answerTo('disability'),
  mainLanguage: answerTo('mainLanguage'),
})

aboutYouValidator.messagesProvider = new PlainEnglishMessages({
  ageBand: 'Choose an age group from the list, or leave it unanswered',
  sex: 'Choose an answer from the list, or leave it unanswered',
  ethnicity: 'Choose an ethnic group from the list, or leave it unanswered',
  disability: 'Choose an answer from the list, or leave it unanswered',
  mainLanguage: 'Choose a language from the list, or leave it unanswered',
})
