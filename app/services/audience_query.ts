import db from '@adonisjs/lucid/services/db'
import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'

/**
 * What an alert targets. Kinds of criteria are ANDed; choices within one
 * kind are ORed. Kinds left out do not narrow the audience.
 */
export interface AudienceCriteria {
  areaIds: number[]
  interestIds?: number[]
  /** Residents reachable by at least one of these channels. */
  channels?: string[]
}

interface AudienceScope {
  organisationId: number
  priority: number
  criteria: AudienceCriteria
}

/** How a channel's contact is stored; plugins' channels are added as they come. */
const CONTACT_COLUMNS: Record<string, (query: DatabaseQueryBuilderContract) => void> = {
  email: (query) => {
    query.whereNotNull('subscribers.email').whereNull('subscribers.email_bounced_at')
  },
  sms: (query) => {
    query.whereNotNull('subscribers.phone')
  },
  voice: (query) => {
    query.where((inner) =>
      inner.whereNotNull('subscribers.landline').orWhereNotNull('subscribers.phone')
    )
  },
}

/**
 * Compiles criteria into one SQL query over subscribers: confirmed, not
 * stopped, consenting to the sending organisation, accepting this priority,
 * and matching every kind of criterion. Nothing is loaded into memory: the
 * caller counts it or walks it in pages.
 */
export default class AudienceQuery {
  static build({
    organisationId,
    priority,
    criteria,
  }: AudienceScope): DatabaseQueryBuilderContract {
    const query = db
      .from('subscribers')
      .where('subscribers.status', 'active')
      .where('subscribers.priority_threshold', '<=', priority)
      .whereExists((consent) => {
        consent
          .from('consents')
          .whereRaw('consents.subscriber_id = subscribers.id')
          .where('consents.organisation_id', organisationId)
          .whereNull('consents.withdrawn_at')
      })
      .whereExists((area) => {
        area
          .from('subscriber_areas')
          .whereRaw('subscriber_areas.subscriber_id = subscribers.id')
          .whereIn('subscriber_areas.area_id', criteria.areaIds.length ? criteria.areaIds : [-1])
      })

    if (criteria.interestIds?.length) {
      query.whereExists((interest) => {
        interest
          .from('subscriber_interests')
          .whereRaw('subscriber_interests.subscriber_id = subscribers.id')
          .whereIn('subscriber_interests.interest_id', criteria.interestIds!)
      })
    }

    if (criteria.channels?.length) {
      const channels = criteria.channels.filter((channel) => CONTACT_COLUMNS[channel])
      query.where((reachable) => {
        if (channels.length === 0) reachable.whereRaw('1 = 0')
        for (const channel of channels) {
          reachable.orWhere((inner) => {
            CONTACT_COLUMNS[channel](inner)
            inner.whereNotExists((off) => {
              off
                .from('channel_preferences')
                .whereRaw('channel_preferences.subscriber_id = subscribers.id')
                .where('channel_preferences.channel', channel)
                .where('channel_preferences.enabled', false)
            })
          })
        }
      })
    }
    return query
  }

  static async count(scope: AudienceScope): Promise<number> {
    const row = await this.build(scope).count('* as total').first()
    return Number(row?.total ?? 0)
  }
}
