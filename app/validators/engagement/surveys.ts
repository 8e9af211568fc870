import vine from '@vinejs/vine'
import { PlainEnglishMessages } from '#validators/platform/plain_english_messages'
import { QUESTION_KINDS } from '#models/engagement/survey_question'

const day = () => vine.date({ formats: ['YYYY-MM-DD'] })

/** A survey's words and the dates it takes answers (London dates, both days included). */
export const surveyValidator = vine.create({
  title: vine.string().trim().minLength(1).maxLength(150),
  introduction: vine.string().trim().minLength(1).maxLength(2000),
  thank_you: vine.string().trim().minLength(1).maxLength(1000),
  opens_on: day(),
  closes_on: day().afterField('opens_on', { compare: 'day' }),
})

surveyValidator.messagesProvider = new PlainEnglishMessages({
  'title.required': 'Enter the survey’s title',
  'title.minLength': 'Enter the survey’s title',
  'title.maxLength': 'The title must be 150 characters or fewer',
  'introduction.required': 'Enter an introduction that tells residents what the survey is for',
  'introduction.minLength': 'Enter an introduction that tells residents what the survey is for',
  'introduction.maxLength': 'The introduction must be 2,000 characters or fewer',
  'thank_you.required': 'Enter the words residents see after answering',
  'thank_you.minLength': 'Enter the words residents see after answering',
  'thank_you.maxLength': 'The thank-you text must be 1,000 characters or fewer',
  'opens_on.required': 'Enter the date the survey opens',
  'opens_on': 'Enter the date the survey opens as a real date, like 2027-03-01',
  'closes_on.required': 'Enter the date the survey closes',
  'closes_on.date.afterField': 'The close date must be after the open date',
  'closes_on': 'Enter the date the survey closes as a real date, like 2027-03-31',
})

/**
 * A question's fields; what each kind needs besides (options, a scale's ends)
 * is checked by SurveyQuestions.kindProblems, which knows the kinds.
 */
export const questionValidator = vine.create({
  kind: vine.enum(QUESTION_KINDS),
  prompt: vine.string().trim().minLength(1).maxLength(300),
  required: vine.boolean().optional(),
  options: vine.string().trim().maxLength(3000).optional(),
  scale_min: vine.number().withoutDecimals().in([0, 1]).optional(),
  scale_max: vine.number().withoutDecimals().range([2, 10]).optional(),
  scale_min_label: vine.string().trim().maxLength(60).optional(),
  scale_max_label: vine.string().trim().maxLength(60).optional(),
})

questionValidator.messagesProvider = new PlainEnglishMessages({
  'kind': 'Choose what kind of question this is',
  'prompt.required': 'Enter the question',
  'prompt.minLength': 'Enter the question',
  'prompt.maxLength': 'The question must be 300 characters or fewer',
  'required': 'Say whether residents must answer this question',
  'options.maxLength': 'The options must be 3,000 characters or fewer in all',
  'scale_min': 'Choose 0 or 1 for the lowest point of the scale',
  'scale_max': 'Choose a number from 2 to 10 for the highest point of the scale',
  'scale_min_label.maxLength': 'The label must be 60 characters or fewer',
  'scale_max_label.maxLength': 'The label must be 60 characters or fewer',
})

export const SURVEY_SORTS = {
  newest: 'Newest first',
  title: 'Title, A to Z',
  closing: 'Closing soonest',
} as const
export type SurveySort = keyof typeof SURVEY_SORTS

export const surveyListValidator = vine.create({
  q: vine.string().trim().maxLength(100).optional(),
  sort: vine.enum(Object.keys(SURVEY_SORTS) as SurveySort[]).optional(),
  page: vine.number().withoutDecimals().min(1).optional(),
})
