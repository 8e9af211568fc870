import { BasePolicy } from '@adonisjs/bouncer'
import type User from '#models/user'
import type MessageTemplate from '#models/message_template'
import { hasRole } from '#policies/membership_roles'

const TEMPLATE_ROLES = ['admin', 'approver', 'sender'] as const

/** An organisation's templates are for those who write its alerts. */
export default class TemplatePolicy extends BasePolicy {
  viewList(user: User, organisationId: number) {
    return hasRole(user, organisationId, [...TEMPLATE_ROLES])
  }

  manage(user: User, template: MessageTemplate) {
    return hasRole(user, template.organisationId, [...TEMPLATE_ROLES])
  }
}
