import AreaDirectory from '#services/areas/area_directory'
import InterestList from '#services/residents/lists/interest_list'
import SchemeList from '#services/residents/lists/scheme_list'
import channelRegistry from '#services/platform/plugins/channel_registry'
import { LANGUAGES } from '#services/residents/preferences/resident_preferences'
import { ABOUT_YOU_QUESTIONS } from '#services/residents/preferences/resident_demographics'
import { RESIDENT_SOURCES } from '#services/residents/records/resident_directory'
import type {
  AudienceCriteria,
  DemographicCriteria,
  DrawnShape,
} from '#services/targeting/audience_query'
import { describeShape } from '#services/targeting/criteria_summary'
import { readDrawnShape } from '#validators/targeting/rules/drawn_shape'

/** The builder's list fields, as the form names them. */
export const LIST_FIELDS = [
  'areaIds',
  'interestIds',
  'schemeIds',
  'channels',
  'languages',
  'ageBands',
  'sexes',
  'ethnicities',
  'disabilities',
  'sources',
] as const
type ListField = (typeof LIST_FIELDS)[number]

const DEMOGRAPHIC_FIELDS = ['ageBands', 'sexes', 'ethnicities', 'disabilities'] as const

/** What the builder's fields hold: ticked values as strings, the drawn shape as JSON. */
export type BuilderValues = Record<ListField, string[]> & {
  shape: string
  title: string
  body: string
  priority: string
  category: string
  isPublic: boolean
  segmentName: string
}

/** The validated fields of the builder, as the validators pass them on. */
export interface CriteriaInput {
  areaIds?: number[]
  shape?: unknown
  interestIds?: number[]
  schemeIds?: number[]
  channels?: string[]
  languages?: string[]
  ageBands?: string[]
  sexes?: string[]
  ethnicities?: string[]
  disabilities?: string[]
  sources?: string[]
}

function list(value: unknown): string[] {
  if (value === undefined || value === null || value === '') return []
  return [value].flat().map(String)
}

const text = (value: unknown) => (typeof value === 'string' ? value : '')

/**
 * Between the targeting builder's form fields and the criteria an alert
 * or a segment stores: kinds with nothing chosen are left out, so a stored
 * criteria object says only what narrows the audience.
 */
export default class TargetingForm {
  static criteriaFrom(input: CriteriaInput): AudienceCriteria {
    const criteria: AudienceCriteria = { areaIds: input.areaIds ?? [] }
    const shape = input.shape as DrawnShape | undefined | null | ''
    if (shape && typeof shape === 'object') criteria.shape = shape
    if (input.interestIds?.length) criteria.interestIds = input.interestIds
    if (input.schemeIds?.length) criteria.schemeIds = input.schemeIds
    if (input.channels?.length) criteria.channels = input.channels
    if (input.languages?.length) criteria.languages = input.languages
    const demographics: DemographicCriteria = {}
    for (const field of DEMOGRAPHIC_FIELDS) {
      if (input[field]?.length) demographics[field] = input[field]
    }
    if (Object.keys(demographics).length) criteria.demographics = demographics
    if (input.sources?.length) criteria.sources = input.sources
    return criteria
  }

  /** The fields as the sender filled them in (flashed back after a refusal, or just posted). */
  static valuesFromInput(input: Record<string, unknown>): BuilderValues {
    return {
      ...(Object.fromEntries(LIST_FIELDS.map((field) => [field, list(input[field])])) as Record<
        ListField,
        string[]
      >),
      shape: text(input.shape),
      title: text(input.title),
      body: text(input.body),
      priority: input.priority ? String(input.priority) : '',
      category: text(input.category),
      isPublic: Boolean(input.isPublic),
      segmentName: text(input.segmentName),
    }
  }

  /** The fields filled from stored criteria (an alert being edited, or a segment being used). */
  static valuesFromCriteria(
    criteria: AudienceCriteria | null,
    alert: {
      title?: string
      body?: string
      priority?: number
      category?: string | null
      isPublic?: boolean
    } = {}
  ): BuilderValues {
    const demographics = criteria?.demographics ?? {}
    return {
      areaIds: list(criteria?.areaIds),
      interestIds: list(criteria?.interestIds),
      schemeIds: list(criteria?.schemeIds),
      channels: list(criteria?.channels),
      languages: list(criteria?.languages),
      ageBands: list(demographics.ageBands),
      sexes: list(demographics.sexes),
      ethnicities: list(demographics.ethnicities),
      disabilities: list(demographics.disabilities),
      sources: list(criteria?.sources),
      shape: criteria?.shape ? JSON.stringify(criteria.shape) : '',
      title: alert.title ?? '',
      body: alert.body ?? '',
      priority: String(alert.priority ?? 2),
      category: alert.category ?? '',
      isPublic: alert.isPublic ?? true,
      segmentName: '',
    }
  }

  /** The drawn shape held in the form, in words; null when there is none or it cannot be read. */
  static shapeDescription(json: string) {
    if (!json) return null
    const shape = readDrawnShape(json)
    if ('refused' in shape) return null
    const words = describeShape(shape)
    return words.charAt(0).toLowerCase() + words.slice(1)
  }

  /** Everything the builder offers to choose from. */
  static async options() {
    return {
      districts: await AreaDirectory.districtsWithWards(),
      interests: await InterestList.all(),
      schemes: await SchemeList.all(),
      channels: channelRegistry
        .available()
        .map((channel) => ({ value: channel.id, label: channel.label })),
      languages: LANGUAGES.map((language) => ({ value: language.code, label: language.name })),
      aboutYou: [
        { field: 'ageBands', legend: 'Age', choices: ABOUT_YOU_QUESTIONS.ageBand },
        { field: 'sexes', legend: 'Sex', choices: ABOUT_YOU_QUESTIONS.sex },
        { field: 'ethnicities', legend: 'Ethnic group', choices: ABOUT_YOU_QUESTIONS.ethnicity },
        { field: 'disabilities', legend: 'Disability', choices: ABOUT_YOU_QUESTIONS.disability },
      ],
      sources: Object.entries(RESIDENT_SOURCES).map(([value, label]) => ({ value, label })),
    }
  }
}
