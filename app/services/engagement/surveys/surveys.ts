import { randomBytes } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import Survey from '#models/engagement/survey'
import type User from '#models/platform/user'
import LondonTime from '#services/platform/infrastructure/london_time'
import type { SurveySort } from '#validators/engagement/surveys'

export interface SurveyFields {
  title: string
  introduction: string
  thank_you: string
  opens_on: Date
  closes_on: Date
}

export type SurveyState = 'not_open' | 'open' | 'closed'

const PER_PAGE = 20
// No 0/O or 1/l/I: a code read out or copied by hand stays right.
const CODE_LETTERS = 'abcdefghjkmnpqrstuvwxyz23456789'

function londonDay(date: Date) {
  // The validator read the date as local midnight; its calendar day is what was typed.
  const pad = (value: number) => String(value).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}

/** An organisation's surveys: the list, the words and dates, and whether one takes answers today. */
export default class Surveys {
  static list(organisationId: number, search: string, sort: SurveySort, page: number) {
    const query = Survey.query()
      .where('organisation_id', organisationId)
      .if(search, (builder) => builder.whereILike('title', `%${search}%`))
      .withCount('questions')
    if (sort === 'title') query.orderBy('title').orderBy('id')
    else if (sort === 'closing') query.orderBy('closes_on').orderBy('id')
    else query.orderBy('created_at', 'desc').orderBy('id', 'desc')
    return query.paginate(page, PER_PAGE)
  }

  static create(organisationId: number, user: User, fields: SurveyFields) {
    return Survey.create({
      organisationId,
      createdById: user.id,
      code: this.newCode(),
      ...this.#columns(fields),
    })
  }

  static async update(survey: Survey, fields: SurveyFields) {
    survey.merge(this.#columns(fields))
    await survey.save()
    return survey
  }

  /** Eight letters and digits: about 10^12 codes, so public links cannot be guessed in bulk. */
  static newCode() {
    const bytes = randomBytes(8)
    return [...bytes].map((byte) => CODE_LETTERS[byte % CODE_LETTERS.length]).join('')
  }

  static state(survey: Survey, today = LondonTime.now().toISODate()!): SurveyState {
    if (today < survey.opensOn) return 'not_open'
    if (today > survey.closesOn) return 'closed'
    return 'open'
  }

  static async responseCount(surveyId: number) {
    const row = await db
      .from('survey_responses')
      .where('survey_id', surveyId)
      .count('* as total')
      .first()
    return Number(row?.total ?? 0)
  }

  /** Questions are fixed once anyone has answered: the figures would otherwise mix two surveys. */
  static async isLocked(survey: Survey) {
    return (await this.responseCount(survey.id)) > 0
  }

  /** "1 March 2027": how residents and staff read the dates. */
  static describeDay(day: string) {
    const [year, month, date] = day.split('-').map(Number)
    return new Date(Date.UTC(year, month - 1, date)).toLocaleDateString('en-GB', {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    })
  }

  static #columns(fields: SurveyFields) {
    return {
      title: fields.title,
      introduction: fields.introduction,
      thankYou: fields.thank_you,
      opensOn: londonDay(fields.opens_on),
      closesOn: londonDay(fields.closes_on),
    }
  }
}
