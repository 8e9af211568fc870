import type User from '#models/platform/user'
import type AlertTemplate from '#models/messaging/alert_template'
import CurrentOrganisationPolicy from '#policies/platform/current_organisation_policy'

const TEMPLATE_ROLES = ['admin', 'approver', 'sender'] as const

/** An organisation's templates are for those who write its alerts. */
export default class TemplatePolicy extends CurrentOrganisationPolicy {
  viewList(user: User, organisationId: number) {
    return this.allowedHere(user, organisationId, TEMPLATE_ROLES)
  }

  manage(user: User, template: AlertTemplate) {
    return this.allowedHere(user, template.organisationId, TEMPLATE_ROLES)
  }
}
