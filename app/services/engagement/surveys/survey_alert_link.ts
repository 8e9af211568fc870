import db from '@adonisjs/lucid/services/db'
import Alert, { UNSENT_STATUSES } from '#models/messaging/alert'
import type Survey from '#models/engagement/survey'

/**
 * Which alert carries the survey: each email of that alert gets the
 * resident's own link (survey_recipient_links.ts). A survey goes with one
 * alert, an alert with one survey; the choice is made before the alert is
 * sent, and stays once it has gone (the links in its emails lead to it).
 */
export default class SurveyAlertLink {
  /** The organisation's alerts not yet sent, newest first: the ones a survey may still go with. */
  static choices(organisationId: number) {
    return Alert.query()
      .where('organisation_id', organisationId)
      .whereIn('status', UNSENT_STATUSES)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(100)
  }

  static async current(survey: Survey) {
    return survey.alertId ? Alert.find(survey.alertId) : null
  }

  /** Whether the survey's alert, if any, may still be changed: not once its emails have gone. */
  static async changeable(survey: Survey) {
    const alert = await this.current(survey)
    return !alert || UNSENT_STATUSES.includes(alert.status)
  }

  /** An unsent alert of the survey's organisation, or null: why not, in plain English. */
  static async check(survey: Survey, alertId: number) {
    const alert = await Alert.find(alertId)
    if (!alert || alert.organisationId !== survey.organisationId) {
      return { problem: 'Choose one of your organisation’s alerts from the list' } as const
    }
    if (!UNSENT_STATUSES.includes(alert.status)) {
      return { problem: 'That alert has been sent: choose one that has not gone out yet' } as const
    }
    return { alert } as const
  }

  static async link(survey: Survey, alert: Alert | null) {
    await db.transaction(async (trx) => {
      // The alert's previous survey lets it go: its emails carry one survey's link.
      if (alert) await trx.from('surveys').where('alert_id', alert.id).update({ alert_id: null })
      survey.useTransaction(trx)
      survey.alertId = alert?.id ?? null
      await survey.save()
    })
  }
}
