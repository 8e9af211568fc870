import { randomBytes } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import emitter from '@adonisjs/core/services/emitter'
import AuditLog from '#models/platform/audit_log'
import Organisation, { type OrganisationType } from '#models/platform/organisation'
import User from '#models/platform/user'
import SiteSettings from '#services/platform/site/site_settings'
import StaffPasswordResets from '#services/platform/staff_accounts/staff_password_reset'
import {
  NEW_ORGANISATION_SEND_WARNINGS,
  slugFrom,
} from '#services/platform/organisations/organisation_registry'

export interface FirstInstall {
  serviceName: string
  organisationName: string
  organisationType: OrganisationType
  adminName: string
  adminEmail: string
}

/**
 * The last steps of `node ace beacon:setup`, run in a process booted with
 * the new .env: the first organisation, its admin (who also runs the
 * install) and the service name, then a one-time link for the admin to set
 * a password. All of it, or nothing; then `organisation:created`, on which
 * the residents module gives the new install its default interests.
 */
export default class FirstInstallSetup {
  /** An install is configured once its database has an organisation. */
  static async isConfigured() {
    if (!(await db.connection().schema.hasTable('organisations'))) return false
    return (await db.from('organisations').select('id').first()) !== null
  }

  /** Returns the admin's "set your password" link, or null when the install was configured meanwhile. */
  static async create(install: FirstInstall): Promise<string | null> {
    const created = await db.transaction(async (trx) => {
      if (await trx.from('organisations').select('id').first()) return null
      const organisation = await Organisation.create(
        {
          name: install.organisationName,
          // The first organisation: no other can hold its short name yet.
          slug: slugFrom(install.organisationName),
          type: install.organisationType,
          ...NEW_ORGANISATION_SEND_WARNINGS,
        },
        { client: trx }
      )
      // Nobody knows this password: the admin sets their own with the link.
      const user = await User.create(
        {
          fullName: install.adminName,
          email: install.adminEmail.trim().toLowerCase(),
          password: randomBytes(32).toString('base64url'),
          isInstallAdmin: true,
        },
        { client: trx }
      )
      await user
        .related('memberships')
        .create({ organisationId: organisation.id, role: 'admin' }, { client: trx })
      await AuditLog.create(
        {
          userId: null,
          organisationId: organisation.id,
          action: 'install.set_up',
          subjectType: 'organisation',
          subjectId: organisation.id,
          details: {
            serviceName: install.serviceName,
            organisation: organisation.name,
            admin: user.email,
            by: 'command line',
          },
          ip: null,
        },
        { client: trx }
      )
      await SiteSettings.update({ serviceName: install.serviceName }, trx)
      return { admin: user, organisationId: organisation.id }
    })
    if (!created) return null
    await emitter.emit('organisation:created', { organisationId: created.organisationId })
    return StaffPasswordResets.issue(created.admin, 'first_password')
  }
}
