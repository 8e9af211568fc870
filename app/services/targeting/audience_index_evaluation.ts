import redis from '@adonisjs/redis/services/main'
import { facts } from '#services/targeting/audience_facts'
import {
  DEMOGRAPHIC_COLUMNS,
  type AudienceCounts,
  type AudienceScope,
  type DemographicCriteria,
} from '#services/targeting/audience_criteria'
import { contactKindsOf } from '#services/residents/contacts/working_contacts'
import AudienceIndexStore from '#services/targeting/audience_index_store'
import RedisBitPlan from '#services/targeting/redis_bit_plan'

/**
 * The same rules as AudienceQuery.build and countByChannel, as set
 * arithmetic on one generation's bitmaps.
 */
export default class AudienceIndexEvaluation {
  static async counts(
    generation: string,
    { organisationId, priority, criteria, anyPriorityOrArea }: AudienceScope,
    channels: string[]
  ): Promise<AudienceCounts> {
    const key = (fact: string) => AudienceIndexStore.key(generation, fact)
    const known = await redis.smembers(AudienceIndexStore.registry(generation))
    const accepting = known.filter(
      (fact) =>
        fact.startsWith(facts.thresholdPrefix) &&
        Number(fact.slice(facts.thresholdPrefix.length)) <= priority
    )

    const plan = new RedisBitPlan(`${AudienceIndexStore.prefix()}:scratch`)
    const kinds = [key(facts.active), key(facts.consent(organisationId))]
    if (!anyPriorityOrArea) {
      kinds.push(
        plan.union(accepting.map(key)),
        plan.union((criteria.areaIds ?? []).map((id) => key(facts.area(id))))
      )
    }
    const anyOf = (chosen: string[] | number[] | undefined, fact: (value: any) => string) => {
      if (chosen?.length) kinds.push(plan.union(chosen.map((value) => key(fact(value)))))
    }
    anyOf(criteria.interestIds, facts.interest)
    anyOf(criteria.schemeIds, facts.scheme)
    anyOf(criteria.languages, facts.language)
    anyOf(criteria.sources, facts.source)
    for (const [field, values] of Object.entries(criteria.demographics ?? {})) {
      const column = DEMOGRAPHIC_COLUMNS[field as keyof DemographicCriteria]
      if (column && Array.isArray(values)) {
        anyOf(values, (value: string) => facts.demographic(column, value))
      }
    }
    const audience = plan.intersection(kinds)

    // A working contact of any kind the channel declares (see contact_reach.ts), and its switch on.
    const reachable = new Map<string, string>()
    const reachableBy = (channel: string) => {
      let result = reachable.get(channel)
      if (!result) {
        const contactKinds = contactKindsOf(channel)
        let withContact = audience
        if (contactKinds) {
          const contacts = contactKinds.map((kind) => key(facts.contact(kind)))
          const anyContact = contacts.length === 1 ? contacts[0] : plan.union(contacts)
          withContact = plan.intersection([audience, anyContact])
        }
        result = plan.difference(withContact, key(facts.switchedOff(channel)))
        reachable.set(channel, result)
      }
      return result
    }

    const chosen = criteria.channels?.length
      ? plan.union(criteria.channels.map(reachableBy))
      : audience
    const totalAt = plan.count(chosen)
    const channelAt = channels.map((channel) =>
      plan.count(plan.intersection([chosen, reachableBy(channel)]))
    )
    const results = await plan.run()
    return {
      total: results[totalAt],
      byChannel: Object.fromEntries(
        channels.map((channel, index) => [channel, results[channelAt[index]]])
      ),
    }
  }
}
