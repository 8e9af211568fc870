import { BasePolicy } from '@adonisjs/bouncer'
import type User from '#models/platform/user'
import { hasRole } from '#policies/platform/membership_roles'

/**
 * An organisation's own settings (branding, approval, API tokens) belong to
 * its admins. Install-wide settings are InstallPolicy's.
 */
export default class SettingsPolicy extends BasePolicy {
  manage(user: User, organisationId: number) {
    return hasRole(user, organisationId, ['admin'])
  }
}
