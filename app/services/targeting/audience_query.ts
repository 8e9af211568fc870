import db from '@adonisjs/lucid/services/db'
import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import channelRegistry from '#services/platform/plugins/channel_registry'
import {
  DEMOGRAPHIC_COLUMNS,
  REACHED_STATUSES,
  consentingOrganisations,
  type AudienceCounts,
  type AudienceScope,
  type DemographicCriteria,
} from '#services/targeting/audience_criteria'
import { insideShape } from '#services/targeting/drawn_shape_sql'
import { reachableBy } from '#services/targeting/contact_reach'

// The criteria's types were defined here first; most of the app still imports them from here.
export * from '#services/targeting/audience_criteria'
export { closedRingRemoved } from '#services/targeting/drawn_shape_sql'

/**
 * Compiles criteria into one SQL query over residents: confirmed, not
 * stopped, consenting to the sending organisation (or a co-signer), accepting this priority,
 * and matching every kind of criterion. Every kind is an EXISTS over a join
 * table's index or a test on the resident's own row. Nothing is loaded
 * into memory: the caller counts it or walks it in pages.
 */
export default class AudienceQuery {
  /**
   * `range` limits the query to residents with ids after `after`, up to `upTo`, and says so
   * inside every EXISTS too: PostgreSQL then walks each join table's index over the range,
   * where it would otherwise scan a whole table (a million consents) for every range.
   */
  static build(
    scope: AudienceScope,
    range?: { after: number; upTo: number }
  ): DatabaseQueryBuilderContract {
    const { priority, criteria } = scope
    // A joint alert: consent to either organisation is enough (one EXISTS, so one row a resident).
    const consenting = consentingOrganisations(scope)
    const within = <T extends { where: (...args: any[]) => T }>(query: T, column: string): T =>
      range ? query.where(column, '>', range.after).where(column, '<=', range.upTo) : query
    const query = within(db.from('residents'), 'residents.id')
      .where('residents.status', 'active')
      .whereExists((consent) => {
        within(consent.from('consents'), 'consents.resident_id')
          .whereRaw('consents.resident_id = residents.id')
          .whereIn('consents.organisation_id', consenting)
          .whereNull('consents.withdrawn_at')
      })

    // A report of reach counts whatever the priority and the place; an alert's audience never does.
    if (!scope.anyPriorityOrArea) {
      query.where('residents.priority_threshold', '<=', priority)
      const areaIds = criteria.areaIds ?? []
      const shape = criteria.shape ?? null
      // Where: in a chosen area OR inside the drawn shape. Residents without a point are found by their areas only.
      query.where((where) => {
        if (areaIds.length === 0 && !shape) where.whereRaw('1 = 0')
        if (areaIds.length) {
          where.orWhereExists((area) => {
            within(area.from('resident_areas'), 'resident_areas.resident_id')
              .whereRaw('resident_areas.resident_id = residents.id')
              .whereIn('resident_areas.area_id', areaIds)
          })
        }
        if (shape) {
          const { sql, bindings } = insideShape(shape)
          where.orWhereRaw(sql, bindings)
        }
      })
    }

    if (criteria.interestIds?.length) {
      query.whereExists((interest) => {
        within(interest.from('resident_interests'), 'resident_interests.resident_id')
          .whereRaw('resident_interests.resident_id = residents.id')
          .whereIn('resident_interests.interest_id', criteria.interestIds!)
      })
    }

    if (criteria.schemeIds?.length) {
      query.whereExists((scheme) => {
        within(scheme.from('scheme_members'), 'scheme_members.resident_id')
          .whereRaw('scheme_members.resident_id = residents.id')
          .whereIn('scheme_members.scheme_id', criteria.schemeIds!)
      })
    }

    if (criteria.channels?.length) {
      query.where((reachable) => {
        for (const channel of criteria.channels!) {
          const { sql, bindings } = reachableBy(channel)
          reachable.orWhereRaw(sql, bindings)
        }
      })
    }

    if (criteria.languages?.length) {
      query.whereIn('residents.language', criteria.languages)
    }

    if (criteria.sources?.length) {
      query.whereIn('residents.source', criteria.sources)
    }

    if (criteria.excludeRecipientsOf?.length) {
      // The ledger's (alert_id, resident_id) key finds each one.
      query.whereNotExists((reached) => {
        within(reached.from('deliveries'), 'deliveries.resident_id')
          .whereRaw('deliveries.resident_id = residents.id')
          .whereIn('deliveries.alert_id', criteria.excludeRecipientsOf!)
          .whereIn('deliveries.status', REACHED_STATUSES)
      })
    }

    const demographics = Object.entries(criteria.demographics ?? {}).filter(
      ([field, values]) => field in DEMOGRAPHIC_COLUMNS && Array.isArray(values) && values.length
    ) as [keyof DemographicCriteria, string[]][]
    if (demographics.length) {
      query.whereExists((about) => {
        within(about.from('demographics'), 'demographics.resident_id').whereRaw(
          'demographics.resident_id = residents.id'
        )
        for (const [field, values] of demographics) {
          about.whereIn(`demographics.${DEMOGRAPHIC_COLUMNS[field]}`, values)
        }
      })
    }
    return query
  }

  static async count(scope: AudienceScope): Promise<number> {
    const row = await this.build(scope).count('* as total').first()
    return Number(row?.total ?? 0)
  }

  /**
   * The audience and, in the same query, how many of it each channel can
   * reach. A resident reachable by two channels counts once in the total
   * and once under each channel.
   */
  static async countByChannel(
    scope: AudienceScope,
    channels: string[] = channelRegistry.available().map((channel) => channel.id)
  ): Promise<AudienceCounts> {
    const query = this.build(scope).select(db.raw('COUNT(*) AS total'))
    channels.forEach((channel, index) => {
      const { sql, bindings } = reachableBy(channel)
      // Channel ids come from plugins: they go in as bindings, never as column aliases.
      query.select(db.raw(`SUM(CASE WHEN ${sql} THEN 1 ELSE 0 END) AS channel_${index}`, bindings))
    })
    const row = await query.first()
    return {
      total: Number(row?.total ?? 0),
      byChannel: Object.fromEntries(
        channels.map((channel, index) => [channel, Number(row?.[`channel_${index}`] ?? 0)])
      ),
    }
  }
}
