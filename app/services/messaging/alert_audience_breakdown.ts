import type Alert from '#models/messaging/alert'
import Area from '#models/areas/area'
import AudienceCount from '#services/targeting/audience_count'
import channelRegistry from '#services/platform/plugins/channel_registry'

export interface AudienceBreakdown {
  byChannel: { id: string; label: string; residents: number }[]
  byArea: { name: string; residents: number }[]
  /** Residents found inside the drawn shape, when the alert has one. */
  inShape: number | null
}

/**
 * Who an unsent alert reaches, before the sender sends it: by each channel
 * the organisation has switched on, and by each chosen area. A resident
 * reachable two ways, or living in two chosen areas, is counted in each,
 * so the rows may add up to more than the total.
 */
export default class AlertAudienceBreakdown {
  static async of(alert: Alert): Promise<AudienceBreakdown> {
    const scope = {
      organisationId: alert.organisationId,
      priority: alert.priority,
      criteria: alert.criteria,
    }
    const channels = channelRegistry.available(alert.organisationId)
    const counts = await AudienceCount.byChannel(
      scope,
      channels.map((channel) => channel.id)
    )
    const areas = await Area.query()
      .whereIn('id', alert.criteria.areaIds ?? [])
      .orderBy('name')
    const byArea = []
    for (const area of areas) {
      const criteria = { ...alert.criteria, areaIds: [area.id], shape: null }
      byArea.push({ name: area.name, residents: await AudienceCount.total({ ...scope, criteria }) })
    }
    const inShape = alert.criteria.shape
      ? await AudienceCount.total({ ...scope, criteria: { ...alert.criteria, areaIds: [] } })
      : null
    return {
      byChannel: channels.map((channel) => ({
        id: channel.id,
        label: channel.label,
        residents: counts.byChannel[channel.id] ?? 0,
      })),
      byArea,
      inShape,
    }
  }
}
