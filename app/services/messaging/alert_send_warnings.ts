import { DateTime } from 'luxon'
import type Organisation from '#models/platform/organisation'
import type Alert from '#models/messaging/alert'
import AudienceCount from '#services/targeting/audience_count'
import { LONDON } from '#services/platform/infrastructure/london_time'

export interface SendWarning {
  key: 'office_hours' | 'large_audience'
  text: string
}

function clock(hour: number) {
  return `${String(hour).padStart(2, '0')}:00`
}

/**
 * What "Send alert now" says before it sends, and asks the sender to
 * confirm: sending outside the organisation's office hours (UK time,
 * Monday to Friday), when fewer colleagues are about to answer residents,
 * or to more residents than the organisation chose to be warned about.
 */
export default class AlertSendWarnings {
  /** The warnings for sending this alert now, its audience counted as the page counts it. */
  static async forAlert(alert: Alert, now: DateTime = DateTime.now()) {
    await alert.load('organisation')
    const audience = await AudienceCount.total({
      organisationId: alert.organisationId,
      priority: alert.priority,
      criteria: alert.criteria,
    })
    return this.for(alert.organisation, audience, now)
  }

  static for(
    organisation: Organisation,
    audience: number,
    now: DateTime = DateTime.now()
  ): SendWarning[] {
    const warnings: SendWarning[] = []
    const { officeHoursFrom: from, officeHoursTo: to, largeAudienceWarning: limit } = organisation
    if (from !== null && to !== null && !this.#inOfficeHours(now, from, to)) {
      warnings.push({
        key: 'office_hours',
        text: `It is outside ${organisation.name}’s office hours (${clock(from)}–${clock(to)} UK time, Monday to Friday): fewer colleagues will be there to answer residents’ replies and calls.`,
      })
    }
    if (limit !== null && audience > limit) {
      warnings.push({
        key: 'large_audience',
        text: `This alert goes to ${audience.toLocaleString('en-GB')} residents, more than the ${limit.toLocaleString('en-GB')} your organisation asks to be warned about.`,
      })
    }
    return warnings
  }

  static #inOfficeHours(now: DateTime, from: number, to: number) {
    const local = now.setZone(LONDON)
    return local.weekday <= 5 && local.hour >= from && local.hour < to
  }
}
