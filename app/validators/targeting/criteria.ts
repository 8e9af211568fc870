import vine from '@vinejs/vine'
import { areasExist } from '#validators/areas/rules/areas_exist'
import { knownIds } from '#validators/platform/rules/known_ids'
import { DRAWN_SHAPE_MESSAGES, drawnShape } from '#validators/targeting/rules/drawn_shape'
import { PlainEnglishMessages } from '#validators/platform/plain_english_messages'
import channelRegistry from '#services/platform/plugins/channel_registry'
import { LANGUAGE_CODES } from '#services/residents/preferences/resident_preferences'
import { ABOUT_YOU_QUESTIONS } from '#services/residents/preferences/resident_demographics'
import { RESIDENT_SOURCES } from '#services/residents/records/resident_directory'

const values = (choices: { value: string }[]) => choices.map((choice) => choice.value)

/** A list of ticked boxes, each one of the choices offered. */
function choiceList(choices: string[] | (() => string[])) {
  return vine
    .array(vine.enum(typeof choices === 'function' ? () => choices() : choices))
    .maxLength(100)
    .distinct()
    .optional()
}

function idList(table: string) {
  return vine.array(vine.any()).maxLength(500).use(knownIds({ table })).optional()
}

/**
 * The targeting criteria as the builder's fields send them. With `whereRequired`,
 * at least one area or a drawn shape must be given: an alert for everybody
 * is never an accident.
 */
export function criteriaFields(whereRequired: boolean) {
  const areaIds = vine
    .array(vine.number().withoutDecimals().positive())
    .distinct()
    .maxLength(500)
    .use(areasExist())
  return {
    areaIds: whereRequired
      ? areaIds.minLength(1).optional().requiredIfMissing('shape')
      : areaIds.optional(),
    shape: vine.any().use(drawnShape()).optional(),
    interestIds: idList('interests'),
    schemeIds: idList('schemes'),
    channels: choiceList(() => channelRegistry.available().map((channel) => channel.id)),
    languages: choiceList(LANGUAGE_CODES),
    ageBands: choiceList(values(ABOUT_YOU_QUESTIONS.ageBand)),
    sexes: choiceList(values(ABOUT_YOU_QUESTIONS.sex)),
    ethnicities: choiceList(values(ABOUT_YOU_QUESTIONS.ethnicity)),
    disabilities: choiceList(values(ABOUT_YOU_QUESTIONS.disability)),
    sources: choiceList(Object.keys(RESIDENT_SOURCES)),
  }
}

export const CRITERIA_MESSAGES: Record<string, string> = {
  'areaIds.required': 'Choose at least one area, or draw one on the map',
  'areaIds.minLength': 'Choose at least one area, or draw one on the map',
  'areaIds.maxLength': 'Choose 500 areas or fewer',
  'areaIds.areasExist': 'One of the chosen areas no longer exists. Choose the areas again',
  'areaIds': 'Choose the areas from the list',
  'areaIds.*': 'Choose the areas from the list',
  ...DRAWN_SHAPE_MESSAGES,
  'shape': DRAWN_SHAPE_MESSAGES['shape.unreadable'],
  'interestIds.knownIds':
    'One of the chosen interests no longer exists. Choose the interests again',
  'interestIds': 'Choose the interests from the list',
  'schemeIds.knownIds':
    'One of the chosen watch schemes no longer exists. Choose the schemes again',
  'schemeIds': 'Choose the watch schemes from the list',
  'channels': 'Choose the ways of reaching residents from the list',
  'channels.*': 'Choose the ways of reaching residents from the list',
  'languages': 'Choose the languages from the list',
  'languages.*': 'Choose the languages from the list',
  'ageBands': 'Choose the age groups from the list',
  'ageBands.*': 'Choose the age groups from the list',
  'sexes': 'Choose the answers about sex from the list',
  'sexes.*': 'Choose the answers about sex from the list',
  'ethnicities': 'Choose the ethnic groups from the list',
  'ethnicities.*': 'Choose the ethnic groups from the list',
  'disabilities': 'Choose the answers about disability from the list',
  'disabilities.*': 'Choose the answers about disability from the list',
  'sources': 'Choose how residents signed up from the list',
  'sources.*': 'Choose how residents signed up from the list',
}
/** "Update the count" on the builder, and the live count behind it: the criteria without the message. */
export const audienceCountValidator = vine.create({
  priority: vine.number().withoutDecimals().range([1, 5]).optional(),
  ...criteriaFields(false),
})

audienceCountValidator.messagesProvider = new PlainEnglishMessages({
  priority: 'Choose a priority from 1 to 5',
  ...CRITERIA_MESSAGES,
})

/** Saving the builder's criteria as a named segment. */
export const segmentCriteriaFields = () => criteriaFields(false)
