/**
 * How the ONS Census 2021 tables' columns map onto the answers residents give
 * at sign-up ("About you": the values of residents' preferences/
 * resident_demographics.ts, spelt here because areas come before residents).
 * A unit test checks that every category here is one of those answers.
 *
 * - Age (TS007, single year of age): each year falls into one of sign-up's
 *   bands. TS007A's five-year bands cannot be used: its "15 to 19" band
 *   straddles 18, where sign-up's first band ends.
 * - Sex (TS008): Female, Male.
 * - Ethnic group (TS021): the five high-level groups; the detailed columns
 *   under each are added to their group (a group's own column is a total).
 * - Main language (TS024, detailed): English (which in Wales means "English
 *   or Welsh"), Welsh, and the other languages Beacon offers by name; every
 *   other language is "other".
 * - Disability (TS038): disabled under the Equality Act (a lot or a little)
 *   is "yes", not disabled is "no".
 */

export type Dimension = 'ageBand' | 'sex' | 'ethnicity' | 'disability' | 'mainLanguage'

export const DIMENSIONS: Dimension[] = ['ageBand', 'sex', 'ethnicity', 'disability', 'mainLanguage']

/** Every category of each dimension: a ward in a file has a row of each (0 when absent). */
export const CATEGORIES: Record<Dimension, string[]> = {
  ageBand: ['under_18', '18_24', '25_34', '35_44', '45_54', '55_64', '65_74', '75_plus'],
  sex: ['female', 'male'],
  ethnicity: ['asian', 'black', 'mixed', 'white', 'other'],
  disability: ['yes', 'no'],
  mainLanguage: ['en', 'cy', 'pl', 'ro', 'lt', 'pt', 'ur', 'pa', 'ar', 'bn', 'other'],
}

export interface DimensionRule {
  dimension: Dimension
  /** The ONS table, for the record and for messages. */
  table: string
  /** The category a column counts towards; null: a total, not counted; undefined: unknown. */
  category(segments: string[]): string | null | undefined
}

function ageBand(age: number) {
  if (age < 18) return 'under_18'
  if (age >= 75) return '75_plus'
  const bands: Array<[number, string]> = [
    [24, '18_24'],
    [34, '25_34'],
    [44, '35_44'],
    [54, '45_54'],
    [64, '55_64'],
    [74, '65_74'],
  ]
  return bands.find(([upTo]) => age <= upTo)![1]
}

const ETHNIC_GROUPS: Record<string, string> = {
  'asian, asian british or asian welsh': 'asian',
  'black, black british, black welsh, caribbean or african': 'black',
  'mixed or multiple ethnic groups': 'mixed',
  'white': 'white',
  'other ethnic group': 'other',
}

const LANGUAGE_NAMES: Array<[RegExp, string]> = [
  [/^english\b/, 'en'],
  [/^welsh\b/, 'cy'],
  [/^polish\b/, 'pl'],
  [/^romanian\b/, 'ro'],
  [/^lithuanian\b/, 'lt'],
  [/^portuguese\b/, 'pt'],
  [/^urdu\b/, 'ur'],
  [/^(panjabi|punjabi)\b/, 'pa'],
  [/^arabic\b/, 'ar'],
  [/^bengali\b/, 'bn'],
]

const isTotal = (segments: string[]) => /^(total|all persons)\b/i.test(segments[0] ?? '')

export const RULES: Record<string, DimensionRule> = {
  'age': {
    dimension: 'ageBand',
    table: 'TS007',
    category(segments) {
      if (isTotal(segments)) return null
      const name = segments.join(': ').toLowerCase()
      if (name === 'aged under 1 year') return 'under_18'
      const over = name.match(/^aged (\d+) years and over$/)
      if (over && Number(over[1]) >= 75) return '75_plus'
      const year = name.match(/^aged (\d+) years?$/)
      return year ? ageBand(Number(year[1])) : undefined
    },
  },
  'sex': {
    dimension: 'sex',
    table: 'TS008',
    category(segments) {
      if (isTotal(segments)) return null
      const name = segments.join(': ').toLowerCase()
      return name === 'female' || name === 'male' ? name : undefined
    },
  },
  'ethnic group': {
    dimension: 'ethnicity',
    table: 'TS021',
    category(segments) {
      if (isTotal(segments)) return null
      return ETHNIC_GROUPS[segments[0].toLowerCase()]
    },
  },
  'main language': {
    dimension: 'mainLanguage',
    table: 'TS024',
    category(segments) {
      if (isTotal(segments)) return null
      const leaf = segments[segments.length - 1].toLowerCase()
      return LANGUAGE_NAMES.find(([name]) => name.test(leaf))?.[1] ?? 'other'
    },
  },
  'disability': {
    dimension: 'disability',
    table: 'TS038',
    category(segments) {
      if (isTotal(segments)) return null
      const group = segments[0].toLowerCase()
      if (group === 'disabled under the equality act') return 'yes'
      if (group === 'not disabled under the equality act') return 'no'
      return undefined
    },
  },
}

/** Tables refused with a reason rather than "unknown columns". */
export const REFUSED_TABLES: Array<[RegExp, string]> = [
  [
    /^age: aged \d+ to \d+ years|^age: aged 4 years and under/i,
    'This looks like TS007A (age in five-year bands). Its "15 to 19" band cannot be split at 18, where the first sign-up band ends: download TS007 (age by single year) instead.',
  ],
  [
    /^household language/i,
    'This looks like TS025 (household language), which counts households, not people: download TS024 (main language, detailed) instead.',
  ],
]

/** "Main language (detailed)" and "Main language" are one dimension; the rule by the column's first part. */
export function ruleFor(prefix: string) {
  const key = prefix.toLowerCase().replace(/\s*\(.*\)$/, '')
  return RULES[key]
}
