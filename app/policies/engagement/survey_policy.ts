import type User from '#models/platform/user'
import type Survey from '#models/engagement/survey'
import CurrentOrganisationPolicy from '#policies/platform/current_organisation_policy'

// Issue 17: the organisation's admins and senders build surveys, share them and read the results.
const SURVEY_ROLES = ['admin', 'sender'] as const

/** Checked against the organisation the person is working for, as alerts are. */
export default class SurveyPolicy extends CurrentOrganisationPolicy {
  manageList(user: User, organisationId: number) {
    return this.allowedHere(user, organisationId, SURVEY_ROLES)
  }

  manage(user: User, survey: Survey) {
    return this.allowedHere(user, survey.organisationId, SURVEY_ROLES)
  }
}
