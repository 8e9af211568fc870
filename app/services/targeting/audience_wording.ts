import channelRegistry from '#services/platform/plugins/channel_registry'
import type { AudienceCounts } from '#services/targeting/audience_query'

const residents = (count: number) => `${count} ${count === 1 ? 'resident' : 'residents'}`

/** "Email" reads "by email"; a name in capitals ("SMS") keeps them. */
function channelWords(id: string) {
  const label = channelRegistry.all().find((channel) => channel.id === id)?.label ?? id
  return label === label.toUpperCase() ? label : label.toLowerCase()
}

/**
 * The builder's count in one sentence, the same whether the page shows it
 * after "Update the count" or the script fetches it as criteria change.
 */
export function describeAudience(counts: AudienceCounts | null) {
  if (!counts) {
    return 'Choose at least one area, or draw one on the map, to see how many residents this alert will reach.'
  }
  if (counts.total === 0) return 'No confirmed resident matches this target yet.'
  const channels = Object.entries(counts.byChannel)
  if (channels.length === 1) {
    const [id, count] = channels[0]
    return `This alert would reach ${residents(count)} by ${channelWords(id)}.`
  }
  const parts = channels.map(([id, count]) => `${count} by ${channelWords(id)}`)
  const joined =
    parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}` : ''
  return `This alert would reach ${residents(counts.total)}${joined ? `: ${joined}` : ''}.`
}
