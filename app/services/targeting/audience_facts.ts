import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { DEMOGRAPHIC_COLUMNS } from '#services/targeting/audience_criteria'
import { RECORD_CONTACT_SQL } from '#services/residents/contacts/working_contacts'

/** Receives one fact about one resident, e.g. (42, "a:7"): resident 42 lives in area 7. */
export type FactSink = (residentId: number, fact: string) => void

/** Residents by a range of ids (a rebuild) or by a short list of ids (changes). */
export type ResidentSelection = { from: number; to: number } | { ids: number[] }

/**
 * The name of each fact the audience index keeps a bitmap for. Every kind of
 * criterion AudienceQuery compiles to SQL, but the drawn shape, has one here.
 */
export const facts = {
  active: 's:active',
  threshold: (priority: number | string) => `t:${priority}`,
  language: (code: string) => `l:${code}`,
  source: (source: string) => `src:${source}`,
  /** Has a working contact of this kind (email, mobile, push_subscription…). */
  contact: (kind: string) => `c:${kind}`,
  switchedOff: (channel: string) => `off:${channel}`,
  consent: (organisationId: number) => `o:${organisationId}`,
  area: (areaId: number) => `a:${areaId}`,
  interest: (interestId: number) => `i:${interestId}`,
  scheme: (schemeId: number) => `sch:${schemeId}`,
  demographic: (column: string, value: string) => `d:${column}:${value}`,
  thresholdPrefix: 't:',
}

/**
 * Answers kept as facts although no audience is chosen by them: reports
 * count with them (engagement's Who we reach). A generation built with them
 * says so (AudienceIndexStore.holdsKey); one built before does not, and its
 * counts by them are SQL's.
 */
export const REPORTED_DEMOGRAPHIC_COLUMNS = ['main_language']

/** Every demographics column the index has facts for. */
export const INDEXED_DEMOGRAPHIC_COLUMNS = [
  ...Object.values(DEMOGRAPHIC_COLUMNS),
  ...REPORTED_DEMOGRAPHIC_COLUMNS,
]

/**
 * Reads what targeting needs to know about residents from the same tables
 * and the same contact rules as AudienceQuery (contact_reach.ts). Residents who are not active
 * have no facts at all: no audience can include them.
 */
export default class AudienceFacts {
  static async read(client: QueryClientContract, selection: ResidentSelection, sink: FactSink) {
    const within = <T extends { whereIn: any; whereBetween: any }>(query: T, column: string): T =>
      'ids' in selection
        ? query.whereIn(column, selection.ids)
        : query.whereBetween(column, [selection.from, selection.to])

    const contacts = Object.entries(RECORD_CONTACT_SQL)
    const residents = await within(client.from('residents'), 'id')
      .where('status', 'active')
      .select(
        'id',
        'priority_threshold',
        'language',
        'source',
        ...contacts.map(([, sql], index) =>
          client.raw(`CASE WHEN ${sql} THEN 1 ELSE 0 END AS contact_${index}`)
        )
      )
    if (residents.length === 0) return

    const active = new Set<number>()
    for (const resident of residents) {
      const id = Number(resident.id)
      active.add(id)
      sink(id, facts.active)
      sink(id, facts.threshold(resident.priority_threshold))
      if (resident.language) sink(id, facts.language(resident.language))
      if (resident.source) sink(id, facts.source(resident.source))
      contacts.forEach(([kind], index) => {
        if (Number(resident[`contact_${index}`]) === 1) sink(id, facts.contact(kind))
      })
    }

    const members = async (
      table: string,
      column: string,
      fact: (row: Record<string, any>) => string,
      narrow: (query: any) => any = (query) => query
    ) => {
      const rows = await narrow(within(client.from(table), 'resident_id')).select(
        'resident_id',
        column
      )
      for (const row of rows) {
        const id = Number(row.resident_id)
        if (active.has(id)) sink(id, fact(row))
      }
    }

    await members('resident_areas', 'area_id', (row) => facts.area(Number(row.area_id)))
    await members('resident_interests', 'interest_id', (row) =>
      facts.interest(Number(row.interest_id))
    )
    await members('scheme_members', 'scheme_id', (row) => facts.scheme(Number(row.scheme_id)))
    await members(
      'consents',
      'organisation_id',
      (row) => facts.consent(Number(row.organisation_id)),
      (query) => query.whereNull('withdrawn_at')
    )
    await members(
      'resident_contacts',
      'kind',
      (row) => facts.contact(row.kind),
      (query) => query.whereNull('invalid_at')
    )
    await members(
      'channel_preferences',
      'channel',
      (row) => facts.switchedOff(row.channel),
      (query) => query.where('enabled', false)
    )

    const columns = INDEXED_DEMOGRAPHIC_COLUMNS
    const answers = await within(client.from('demographics'), 'resident_id').select(
      'resident_id',
      ...columns
    )
    for (const answer of answers) {
      const id = Number(answer.resident_id)
      if (!active.has(id)) continue
      for (const column of columns) {
        if (answer[column] !== null) sink(id, facts.demographic(column, answer[column]))
      }
    }
  }
}
