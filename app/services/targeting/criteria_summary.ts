import Area from '#models/areas/area'
import Interest from '#models/residents/interest'
import Scheme from '#models/residents/scheme'
import channelRegistry from '#services/platform/plugins/channel_registry'
import { languageName } from '#services/residents/preferences/resident_preferences'
import {
  ABOUT_YOU_QUESTIONS,
  type Choice,
} from '#services/residents/preferences/resident_demographics'
import { RESIDENT_SOURCES } from '#services/residents/records/resident_directory'
import type { AudienceCriteria, DrawnShape } from '#services/targeting/audience_query'

export interface SummaryLine {
  label: string
  value: string
}

/** "a, b or c": choices within one kind are ORed. */
function anyOf(items: string[]) {
  if (items.length <= 1) return items.join('')
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`
}

function labelOf(choices: Choice[], value: string) {
  return choices.find((choice) => choice.value === value)?.label ?? value
}

function degrees(value: number, positive: string, negative: string) {
  return `${Math.abs(value).toFixed(4)}°${value >= 0 ? positive : negative}`
}

/** A drawn shape in words, for staff reading the target. */
export function describeShape(shape: DrawnShape) {
  if (shape.type === 'circle') {
    const [lng, lat] = shape.center
    const radius =
      shape.radiusMetres >= 1000
        ? `${Number((shape.radiusMetres / 1000).toFixed(1))} km`
        : `${shape.radiusMetres} metres`
    return `A circle of ${radius} radius around ${degrees(lat, 'N', 'S')}, ${degrees(lng, 'E', 'W')}`
  }
  return `A shape with ${shape.coordinates.length} corners drawn on the map`
}

/**
 * A target's criteria as lines a person reads: one per kind, with the
 * choices of a kind joined by "or" (the kinds themselves all apply).
 */
export default class CriteriaSummary {
  static async lines(criteria: AudienceCriteria): Promise<SummaryLine[]> {
    const lines: SummaryLine[] = []
    const areaIds = criteria.areaIds ?? []
    const areas = areaIds.length
      ? await Area.query().whereIn('id', areaIds).select('id', 'name', 'level').orderBy('name')
      : []
    const where = areas.map((area) => area.name + (area.level === 'district' ? ' (district)' : ''))
    if (criteria.shape) where.push(describeShape(criteria.shape).replace(/^A /, 'a '))
    lines.push({ label: 'Where', value: where.length ? anyOf(where) : 'Nowhere chosen yet' })

    if (criteria.excludeRecipientsOf?.length) {
      const count = criteria.excludeRecipientsOf.length
      lines.push({
        label: 'Leaving out',
        value: `Residents already reached by ${count === 1 ? 'another organisation’s alert' : `${count} other organisations’ alerts`} about this`,
      })
    }
    if (criteria.cosigningOrganisationIds?.length) {
      lines.push({
        label: 'Consenting to',
        value: 'Either organisation of this joint alert (each resident gets it once)',
      })
    }
    if (criteria.interestIds?.length) {
      const interests = await Interest.query().whereIn('id', criteria.interestIds).orderBy('name')
      lines.push({ label: 'Interests', value: anyOf(interests.map((interest) => interest.name)) })
    }
    if (criteria.schemeIds?.length) {
      const schemes = await Scheme.query().whereIn('id', criteria.schemeIds).orderBy('name')
      lines.push({
        label: 'Watch schemes',
        value: anyOf(schemes.map((scheme) => `${scheme.name} (${scheme.kindLabel})`)),
      })
    }
    if (criteria.channels?.length) {
      const labels = criteria.channels.map(
        (id) => channelRegistry.all().find((channel) => channel.id === id)?.label ?? id
      )
      lines.push({ label: 'Reachable by', value: anyOf(labels) })
    }
    if (criteria.languages?.length) {
      lines.push({ label: 'Alert language', value: anyOf(criteria.languages.map(languageName)) })
    }
    const about = criteria.demographics ?? {}
    const questions = [
      ['Age', about.ageBands, ABOUT_YOU_QUESTIONS.ageBand],
      ['Sex', about.sexes, ABOUT_YOU_QUESTIONS.sex],
      ['Ethnic group', about.ethnicities, ABOUT_YOU_QUESTIONS.ethnicity],
      ['Disability', about.disabilities, ABOUT_YOU_QUESTIONS.disability],
    ] as const
    for (const [label, chosen, choices] of questions) {
      if (chosen?.length) {
        lines.push({ label, value: anyOf(chosen.map((value) => labelOf(choices, value))) })
      }
    }
    if (criteria.sources?.length) {
      lines.push({
        label: 'How they signed up',
        value: anyOf(
          criteria.sources.map(
            (source) => RESIDENT_SOURCES[source as keyof typeof RESIDENT_SOURCES] ?? source
          )
        ),
      })
    }
    return lines
  }
}
