import type User from '#models/platform/user'
import CurrentOrganisationPolicy from '#policies/platform/current_organisation_policy'

// The organisation's figures as a whole: its admins, and analysts, whose work they are.
const REPORT_READERS = ['admin', 'analyst'] as const

/** The organisation reports (Reports → Residents, Alerts and deliveries), for the current organisation only. */
export default class ReportPolicy extends CurrentOrganisationPolicy {
  viewOrganisationReports(user: User, organisationId: number) {
    return this.allowedHere(user, organisationId, REPORT_READERS)
  }
}
