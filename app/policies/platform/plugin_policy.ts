import { BasePolicy } from '@adonisjs/bouncer'
import type User from '#models/platform/user'
import { hasRole } from '#policies/platform/membership_roles'

/**
 * Settings → Plugins. Install admins switch plugins on and off for the whole
 * install and set install-wide settings. A plugin of scope "organisation" is
 * also switched and set per organisation: by that organisation's admins (the
 * switch only when the plugin lets organisations enable it themselves) and
 * by install admins. The organisation is always the one the member works for.
 */
export default class PluginPolicy extends BasePolicy {
  view(user: User, organisationId: number) {
    return user.isInstallAdmin === true || hasRole(user, organisationId, ['admin'])
  }

  manageInstall(user: User) {
    return user.isInstallAdmin === true
  }

  manageOrganisation(user: User, organisationId: number) {
    return user.isInstallAdmin === true || hasRole(user, organisationId, ['admin'])
  }

  switchForOrganisation(user: User, organisationId: number, organisationsMayEnable: boolean) {
    return (
      user.isInstallAdmin === true ||
      (organisationsMayEnable && hasRole(user, organisationId, ['admin']))
    )
  }
}
