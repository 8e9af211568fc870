import type { HttpContext } from '@adonisjs/core/http'
import type Organisation from '#models/platform/organisation'
import AuditLogger from '#services/platform/audit/audit_logger'

export interface SendWarningChoices {
  officeHoursFrom?: number
  officeHoursTo?: number
  largeAudienceWarning?: number
}

/** Thrown when the office hours cannot be used: one end without the other, or ending before they start. */
export class OfficeHoursError extends Error {
  constructor() {
    super(
      'Office hours need both a start and an end, the end later than the start (for example 8 to 18), or both left empty.'
    )
  }
}

/**
 * An organisation's choice of when "Send alert now" warns first
 * (AlertSendWarnings), set on Settings → Approval; a change is audited.
 * Call before saving the organisation: it sets the columns, checked.
 */
export default class SendWarningSettings {
  static apply(organisation: Organisation, choices: SendWarningChoices) {
    const from = choices.officeHoursFrom ?? null
    const to = choices.officeHoursTo ?? null
    if ((from === null) !== (to === null) || (from !== null && to !== null && from >= to)) {
      throw new OfficeHoursError()
    }
    const before = this.#current(organisation)
    organisation.merge({
      officeHoursFrom: from,
      officeHoursTo: to,
      largeAudienceWarning: choices.largeAudienceWarning ?? null,
    })
    return before
  }

  /** Records the change, once saved, when there was one. */
  static async audit(
    ctx: Pick<HttpContext, 'auth' | 'request'>,
    organisation: Organisation,
    before: ReturnType<typeof SendWarningSettings.apply>
  ) {
    const after = this.#current(organisation)
    if (JSON.stringify(before) === JSON.stringify(after)) return
    await AuditLogger.record(ctx, {
      action: 'organisation.send_warnings_changed',
      organisationId: organisation.id,
      subjectType: 'organisation',
      subjectId: organisation.id,
      details: { before, after },
    })
  }

  static #current(organisation: Organisation) {
    return {
      officeHoursFrom: organisation.officeHoursFrom,
      officeHoursTo: organisation.officeHoursTo,
      largeAudienceWarning: organisation.largeAudienceWarning,
    }
  }
}
