import logger from '@adonisjs/core/services/logger'
import channelRegistry from '#services/platform/plugins/channel_registry'
import AudienceIndex from '#services/targeting/audience_index'
import AudienceQuery, {
  type AudienceCounts,
  type AudienceScope,
} from '#services/targeting/audience_query'

/**
 * How many residents an alert would reach, as staff see it while composing
 * and before sending: from the audience index when it can answer, from SQL
 * otherwise. The two agree; the index only answers faster.
 */
export default class AudienceCount {
  static async byChannel(
    scope: AudienceScope,
    channels: string[] = channelRegistry.available().map((channel) => channel.id)
  ): Promise<AudienceCounts> {
    const { total, byChannel } = await this.answered(scope, channels)
    return { total, byChannel }
  }

  /** The same counts, saying which answered: reports and benchmarks show it, tests assert it. */
  static async answered(
    scope: AudienceScope,
    channels: string[]
  ): Promise<AudienceCounts & { answeredBy: 'index' | 'sql' }> {
    const fromIndex = await this.#fromIndex(scope, channels)
    if (fromIndex) return { ...fromIndex, answeredBy: 'index' }
    return { ...(await AudienceQuery.countByChannel(scope, channels)), answeredBy: 'sql' }
  }

  static async total(scope: AudienceScope): Promise<number> {
    const counts = await this.#fromIndex(scope, [])
    return counts ? counts.total : AudienceQuery.count(scope)
  }

  static async #fromIndex(scope: AudienceScope, channels: string[]) {
    try {
      return await AudienceIndex.countByChannel(scope, channels)
    } catch (error) {
      // A fault in the index must not stop a sender: SQL still knows the answer.
      logger.error({ err: error }, 'audience index failed; counting with SQL')
      return null
    }
  }
}
