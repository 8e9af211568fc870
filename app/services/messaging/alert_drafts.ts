import Alert from '#models/messaging/alert'
import type { AlertStatus } from '#models/messaging/alert'
import type { AudienceCriteria } from '#services/targeting/audience_query'
import AlertStatusGuard from '#services/messaging/alert_status'
import { markdownToHtml, markdownToText } from '#services/messaging/alert_markdown'

/** The sender may still change the alert: a draft, or one an approver returned. */
export const EDITABLE_STATUSES: AlertStatus[] = ['draft', 'returned']

export interface AlertContent {
  title: string
  body: string
  priority: number
  category: string | null
  isPublic: boolean
  criteria: AudienceCriteria
}

/** A sender writes an alert and changes it while it is still a draft. */
export default class AlertDrafts {
  static create(organisationId: number, authorId: number, content: AlertContent) {
    return Alert.create({ ...content, organisationId, authorId, status: 'draft' })
  }

  static isEditable(alert: Alert) {
    return EDITABLE_STATUSES.includes(alert.status)
  }

  /** The target alone (one alert per incident leaving some residents out); only while editable. */
  static setCriteria(alert: Alert, criteria: AudienceCriteria) {
    return AlertStatusGuard.updateWhile(alert.id, EDITABLE_STATUSES, {
      criteria: JSON.stringify(criteria),
      ...this.#cosignerAskedAgain(
        alert,
        JSON.stringify(alert.criteria) !== JSON.stringify(criteria)
      ),
    })
  }

  /** Only while still editable: a send or a submission started in the meantime wins (false). */
  static update(alert: Alert, content: AlertContent) {
    return AlertStatusGuard.updateWhile(alert.id, EDITABLE_STATUSES, {
      ...this.#cosignerAskedAgain(alert, this.#changes(alert, content)),
      title: content.title,
      body: content.body,
      // Rendered once here, as the model does when it saves (pages and feeds read these).
      body_html: markdownToHtml(content.body),
      body_text: markdownToText(content.body),
      priority: content.priority,
      category: content.category,
      is_public: content.isPublic,
      criteria: JSON.stringify(content.criteria),
    })
  }

  /**
   * A joint alert's co-signer approved what they read: any change withdraws
   * their approval, and they are asked again (JointAlerts.askCosigner).
   */
  static #cosignerAskedAgain(alert: Alert, changed: boolean) {
    if (!changed || alert.cosignStatus !== 'approved') return {}
    return { cosign_status: 'invited', cosign_decided_by_id: null, cosign_decided_at: null }
  }

  static #changes(alert: Alert, content: AlertContent) {
    return (
      alert.title !== content.title ||
      alert.body !== content.body ||
      alert.priority !== content.priority ||
      (alert.category ?? null) !== content.category ||
      alert.isPublic !== content.isPublic ||
      JSON.stringify(alert.criteria) !== JSON.stringify(content.criteria)
    )
  }
}
