import Demographic from '#models/residents/demographic'
import { LANGUAGES } from '#services/residents/preferences/resident_preferences'

export interface Choice {
  value: string
  label: string
}

const PREFER_NOT_TO_SAY: Choice = { value: 'prefer_not_to_say', label: 'Prefer not to say' }

export const AGE_BANDS: Choice[] = [
  { value: 'under_18', label: 'Under 18' },
  { value: '18_24', label: '18 to 24' },
  { value: '25_34', label: '25 to 34' },
  { value: '35_44', label: '35 to 44' },
  { value: '45_54', label: '45 to 54' },
  { value: '55_64', label: '55 to 64' },
  { value: '65_74', label: '65 to 74' },
  { value: '75_plus', label: '75 or over' },
  PREFER_NOT_TO_SAY,
]

// The 2021 Census question on sex offered these two answers.
export const SEXES: Choice[] = [
  { value: 'female', label: 'Female' },
  { value: 'male', label: 'Male' },
  PREFER_NOT_TO_SAY,
]

// The five high-level ethnic groups of the ONS 2021 Census (England and Wales).
export const ETHNIC_GROUPS: Choice[] = [
  { value: 'asian', label: 'Asian, Asian British or Asian Welsh' },
  { value: 'black', label: 'Black, Black British, Black Welsh, Caribbean or African' },
  { value: 'mixed', label: 'Mixed or Multiple ethnic groups' },
  { value: 'white', label: 'White' },
  { value: 'other', label: 'Other ethnic group' },
  PREFER_NOT_TO_SAY,
]

export const DISABILITY_ANSWERS: Choice[] = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
  PREFER_NOT_TO_SAY,
]

export const MAIN_LANGUAGES: Choice[] = [
  ...LANGUAGES.map((language) => ({ value: language.code, label: language.name })),
  { value: 'other', label: 'Another language' },
  PREFER_NOT_TO_SAY,
]

export interface AboutYou {
  ageBand?: string | null
  sex?: string | null
  ethnicity?: string | null
  disability?: string | null
  mainLanguage?: string | null
}

const FIELDS = ['ageBand', 'sex', 'ethnicity', 'disability', 'mainLanguage'] as const

export const ABOUT_YOU_QUESTIONS = {
  ageBand: AGE_BANDS,
  sex: SEXES,
  ethnicity: ETHNIC_GROUPS,
  disability: DISABILITY_ANSWERS,
  mainLanguage: MAIN_LANGUAGES,
}

/** The label of a stored answer, for the resident's own pages and their data export. */
export function aboutYouLabel(field: keyof typeof ABOUT_YOU_QUESTIONS, value: string | null) {
  if (!value) return null
  return ABOUT_YOU_QUESTIONS[field].find((choice) => choice.value === value)?.label ?? value
}

/** The answers as demographics' columns, or null when none was given (no row is kept then). */
export function aboutYouColumns(answers: AboutYou | null | undefined) {
  if (!answers) return null
  const columns = {
    age_band: answers.ageBand ?? null,
    sex: answers.sex ?? null,
    ethnicity: answers.ethnicity ?? null,
    disability: answers.disability ?? null,
    main_language: answers.mainLanguage ?? null,
  }
  return Object.values(columns).some((value) => value !== null) ? columns : null
}

/**
 * The optional "About you" answers (special category data). Every question
 * may be skipped; answering none keeps no row at all.
 */
export default class ResidentDemographics {
  static async of(residentId: number) {
    return Demographic.find(residentId)
  }

  static async save(residentId: number, answers: AboutYou) {
    const values = Object.fromEntries(FIELDS.map((field) => [field, answers[field] ?? null]))
    if (FIELDS.every((field) => values[field] === null)) return this.clear(residentId)
    await Demographic.updateOrCreate({ residentId }, values)
  }

  static async clear(residentId: number) {
    await Demographic.query().where('resident_id', residentId).delete()
  }
}
