import { BasePolicy } from '@adonisjs/bouncer'
import type User from '#models/user'
import type Message from '#models/message'
import { hasRole, roleIn } from '#policies/membership_roles'

const SENDING_ROLES = ['admin', 'approver', 'sender'] as const

export default class MessagePolicy extends BasePolicy {
  viewList(user: User, organisationId: number) {
    return hasRole(user, organisationId, ['admin', 'approver', 'sender', 'analyst'])
  }

  view(user: User, message: Message) {
    return (
      roleIn(user, message.organisationId) !== null &&
      roleIn(user, message.organisationId) !== 'officer'
    )
  }

  create(user: User, organisationId: number) {
    return hasRole(user, organisationId, [...SENDING_ROLES])
  }

  send(user: User, message: Message) {
    return hasRole(user, message.organisationId, [...SENDING_ROLES])
  }

  /** Submitting for approval, and withdrawing from it. */
  submit(user: User, message: Message) {
    return hasRole(user, message.organisationId, [...SENDING_ROLES])
  }

  /** Approving or returning; whether it is their own work is a rule of MessageApproval. */
  approve(user: User, message: Message) {
    return hasRole(user, message.organisationId, ['admin', 'approver'])
  }

  schedule(user: User, message: Message) {
    return hasRole(user, message.organisationId, [...SENDING_ROLES])
  }
}
