import db from '@adonisjs/lucid/services/db'
import Alert from '#models/messaging/alert'
import type User from '#models/platform/user'
import type Scheme from '#models/residents/scheme'
import AlertDrafts from '#services/messaging/alert_drafts'
import AlertApproval from '#services/messaging/alert_approval'
import AlertSending, { SendRefusedError } from '#services/messaging/alert_sending'
import AudienceCount from '#services/targeting/audience_count'
import type { AudienceCriteria } from '#services/targeting/audience_query'

/** The priorities a coordinator may give: up to a warning; anything graver is for the organisation's staff. */
export const COORDINATOR_PRIORITIES = [1, 2, 3] as const

export interface SchemeAlertContent {
  title: string
  body: string
  priority: number
}

/**
 * A coordinator's alert to their scheme. Its audience is locked: the scheme's
 * members who receive the organisation's alerts, wherever they live (every
 * area, this scheme). It follows the organisation's own approval rule, as
 * every other alert does: where approval is required it is submitted at once
 * and an approver or admin (never the coordinator) approves it; then the
 * coordinator, or any sender, sends it. Otherwise the coordinator sends it.
 */
export default class SchemeAlerts {
  static async criteriaFor(schemeId: number): Promise<AudienceCriteria> {
    const areas = await db.from('areas').select('id').orderBy('id')
    return { areaIds: areas.map((area) => Number(area.id)), schemeIds: [schemeId] }
  }

  static async audience(organisationId: number, schemeId: number, priority: number) {
    return AudienceCount.total({
      organisationId,
      priority,
      criteria: await this.criteriaFor(schemeId),
    })
  }

  /** Writes it and submits or sends it; answers what happened. */
  static async compose(
    organisationId: number,
    author: User,
    scheme: Scheme,
    content: SchemeAlertContent
  ): Promise<{ alert: Alert; outcome: 'submitted' | 'sending' }> {
    const criteria = await this.criteriaFor(scheme.id)
    if ((await this.audience(organisationId, scheme.id, content.priority)) === 0) {
      throw new SendRefusedError(
        'Nobody in this scheme gets alerts of this priority from your organisation yet, so there is nobody to send it to'
      )
    }
    const alert = await AlertDrafts.create(organisationId, author.id, {
      ...content,
      category: null,
      isPublic: false,
      criteria,
    })
    if (await AlertApproval.requiresApproval(organisationId)) {
      await AlertApproval.submit(alert, author)
      return { alert, outcome: 'submitted' }
    }
    await AlertSending.start(alert)
    return { alert, outcome: 'sending' }
  }

  /** The alerts this coordinator wrote for the scheme, newest first. */
  static async writtenFor(organisationId: number, authorId: number, schemeId: number) {
    const alerts = await Alert.query()
      .where('organisation_id', organisationId)
      .where('author_id', authorId)
      .orderBy('id', 'desc')
      .limit(200)
    return alerts.filter((alert) => this.isFor(alert, schemeId)).slice(0, 20)
  }

  /** Its audience is exactly the scheme (the coordinator wrote nothing else). */
  static isFor(alert: Alert, schemeId: number) {
    const ids = alert.criteria?.schemeIds ?? []
    return ids.length === 1 && ids[0] === schemeId
  }
}
