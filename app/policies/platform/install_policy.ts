import { BasePolicy } from '@adonisjs/bouncer'
import type User from '#models/platform/user'

/**
 * Install-wide settings, shared by every organisation: plugins, the outbox
 * (every organisation's email, invitation and sign-in links included) and the
 * interest and scheme lists. Only install admins manage them; an
 * organisation's admin role does not reach beyond that organisation.
 */
export default class InstallPolicy extends BasePolicy {
  manage(user: User) {
    return user.isInstallAdmin === true
  }
}
