import type { DateTime } from 'luxon'
import Area from '#models/areas/area'
import Message from '#models/messaging/message'
import type ApiToken from '#models/platform/api_token'
import type { AlertCategory } from '#services/messaging/alert_categories'
import MessageProgress from '#services/messaging/delivery/message_progress'
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
    return Message.create({
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
    return Message.query().where('id', id).where('organisation_id', token.organisationId).first()
  }

  static async describe(message: Message) {
    const areas = await Area.query()
      .whereIn('id', message.criteria.areaIds.length ? message.criteria.areaIds : [-1])
      .select('id', 'code', 'name', 'level')
      .orderBy('name')
    const delivery = await MessageProgress.of(message.id)
    return {
      id: message.id,
      title: message.title,
      body: message.body,
      priority: message.priority,
      priorityLabel: message.priorityLabel,
      category: message.category ?? null,
      public: message.isPublic,
      status: message.status,
      statusReason: message.statusReason ?? null,
      areas: areas.map((area) => ({
        id: area.id,
        code: area.code,
        name: area.name,
        level: area.level,
      })),
      audience: message.audienceCount ?? null,
      createdAt: iso(message.createdAt),
      sendRequestedAt: iso(message.sendRequestedAt),
      completedAt: iso(message.completedAt),
      publicUrl:
        message.isPublic && message.status === 'sent' ? absoluteUrl(`/alerts/${message.id}`) : null,
      delivery,
    }
  }
}
