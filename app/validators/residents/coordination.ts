import vine from '@vinejs/vine'
import { PlainEnglishMessages } from '#validators/platform/plain_english_messages'
import { MEMBER_SORTS } from '#services/residents/coordinators/scheme_member_list'

const keys = <T extends object>(object: T) => Object.keys(object) as (keyof T & string)[]

/** A scheme's member list: search, order and page, all optional. */
export const memberListValidator = vine.create({
  q: vine
    .string()
    .trim()
    .transform((value) => value.slice(0, 100))
    .optional(),
  sort: vine.enum(keys(MEMBER_SORTS)).optional(),
  page: vine.number().withoutDecimals().positive().optional(),
})

memberListValidator.messagesProvider = new PlainEnglishMessages({
  sort: 'Choose an order from the list',
  page: 'Choose a page from the list',
})

/** Declining a request to join: the reason is optional and goes to the resident. */
export const declineRequestValidator = vine.create({
  reason: vine.string().trim().maxLength(500).optional(),
})

declineRequestValidator.messagesProvider = new PlainEnglishMessages({
  reason: 'The reason must be 500 characters or fewer',
})

/** The schemes an admin gives a coordinator: none, or any of the list. */
export const coordinatorSchemesValidator = vine.create({
  schemeIds: vine.array(vine.number().withoutDecimals().positive()).maxLength(500).optional(),
})

coordinatorSchemesValidator.messagesProvider = new PlainEnglishMessages({
  schemeIds: 'Choose schemes from the list. One of them may have just been removed',
})
