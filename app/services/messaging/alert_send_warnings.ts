import { DateTime } from 'luxon'
import type Organisation from '#models/platform/organisation'
import type Alert from '#models/messaging/alert'
import AudienceCount from '#services/targeting/audience_count'
import LondonTime, { LONDON } from '#services/platform/infrastructure/london_time'

export interface SendWarning {
  key: 'office_hours' | 'large_audience'
  text: string
}

function clock(hour: number) {
  return `${String(hour).padStart(2, '0')}:00`
}

/**
 * What "Send alert now" and "Send later" say before they send, and ask the
 * sender to confirm: sending outside the organisation's office hours (UK time,
 * Monday to Friday), when fewer colleagues are about to answer residents,
 * or to more residents than the organisation chose to be warned about.
 */
export default class AlertSendWarnings {
  /**
   * The warnings for sending this alert now, or at a scheduled time (`scheduled`), its
   * audience counted as the page counts it.
   */
  static async forAlert(alert: Alert, at: DateTime = DateTime.now(), scheduled = false) {
    await alert.load('organisation')
    const audience = await AudienceCount.total({
      organisationId: alert.organisationId,
      priority: alert.priority,
      criteria: alert.criteria,
    })
    return this.for(alert.organisation, audience, at, scheduled)
  }

  static for(
    organisation: Organisation,
    audience: number,
    at: DateTime = DateTime.now(),
    scheduled = false
  ): SendWarning[] {
    const warnings: SendWarning[] = []
    const { officeHoursFrom: from, officeHoursTo: to, largeAudienceWarning: limit } = organisation
    if (from !== null && to !== null && !this.#inOfficeHours(at, from, to)) {
      const when = scheduled ? `${LondonTime.describe(at)} is` : 'It is'
      warnings.push({
        key: 'office_hours',
        text: `${when} outside ${organisation.name}’s office hours (${clock(from)}–${clock(to)} UK time, Monday to Friday): fewer colleagues will be there to answer residents’ replies and calls.`,
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
