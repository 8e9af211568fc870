import { BasePolicy } from '@adonisjs/bouncer'
import type User from '#models/user'
import { hasRole } from '#policies/membership_roles'

/**
 * Install-wide settings (plugins, the outbox) belong to admins.
 */
export default class SettingsPolicy extends BasePolicy {
  manage(user: User, organisationId: number) {
    return hasRole(user, organisationId, ['admin'])
  }
}
