import type { DateTime } from 'luxon'
import Area from '#models/areas/area'
import Alert from '#models/messaging/alert'
import type ApiToken from '#models/platform/api_token'
import type { AlertCategory } from '#services/messaging/alert_categories'
import AlertProgress from '#services/messaging/delivery/alert_progress'
import { absoluteUrl } from '#services/messaging/public_alert_view'

export interface ApiAlertInput {
  title: string
  body: string
  priority: number
  category: AlertCategory
  areaCodes?: string[]
  areaIds?: number[]
  public?: boolean
}

function iso(time: DateTime | null | undefined) {
  return time ? time.toUTC().toISO({ suppressMilliseconds: true }) : null
}

/**
 * Alerts as the JSON API sees them: always through a token, so always
 * within the token's organisation.
 */
export default class ApiAlerts {
  static async create(token: ApiToken, input: ApiAlertInput) {
    const byCode = input.areaCodes?.length
      ? await Area.query().whereIn('code', input.areaCodes).select('id')
      : []
    const areaIds = [...new Set([...(input.areaIds ?? []), ...byCode.map((area) => area.id)])]
    return Alert.create({
      organisationId: token.organisationId,
      authorId: null,
      title: input.title,
      body: input.body,
      priority: input.priority,
      category: input.category,
      // Private unless the calling system says so: publishing is a choice, never a default.
      isPublic: input.public ?? false,
      status: 'draft',
      criteria: { areaIds },
    })
  }

  /** Another organisation's alert is not found, exactly like one that does not exist. */
  static find(token: ApiToken, id: number) {
    return Alert.query().where('id', id).where('organisation_id', token.organisationId).first()
  }

  static async describe(alert: Alert) {
    const areas = await Area.query()
      .whereIn('id', alert.criteria.areaIds.length ? alert.criteria.areaIds : [-1])
      .select('id', 'code', 'name', 'level')
      .orderBy('name')
    const delivery = await AlertProgress.of(alert.id)
    return {
      id: alert.id,
      title: alert.title,
      body: alert.body,
      priority: alert.priority,
      priorityLabel: alert.priorityLabel,
      category: alert.category ?? null,
      public: alert.isPublic,
      status: alert.status,
      statusReason: alert.statusReason ?? null,
      areas: areas.map((area) => ({
        id: area.id,
        code: area.code,
        name: area.name,
        level: area.level,
      })),
      audience: alert.audienceCount ?? null,
      createdAt: iso(alert.createdAt),
      sendRequestedAt: iso(alert.sendRequestedAt),
      completedAt: iso(alert.completedAt),
      publicUrl:
        alert.isPublic && alert.status === 'sent' ? absoluteUrl(`/alerts/${alert.id}`) : null,
      delivery,
    }
  }
}
