import { BaseCommand, args } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

export default class StaffMakeInstallAdmin extends BaseCommand {
  static commandName = 'staff:make-install-admin'
  static description =
    'Let a member of staff manage the install-wide settings: plugins, the outbox, interests and schemes'
  static options: CommandOptions = { startApp: true }

  @args.string({ description: 'The email address the member of staff signs in with' })
  declare email: string

  async run() {
    const { staffNamedBy } = await import('#services/platform/staff_accounts/command_line_staff')
    const user = await staffNamedBy(
      this,
      this.email,
      'Invite them to an organisation first, then run this again.'
    )
    if (!user) return
    if (user.isInstallAdmin) {
      this.logger.info(`${user.email} is already an install admin`)
      return
    }
    user.isInstallAdmin = true
    await user.save()
    const { default: AuditLogger } = await import('#services/platform/audit/audit_logger')
    await AuditLogger.recordFromCommandLine('staff.install_admin_granted', user)
    this.logger.success(
      `${user.email} is now an install admin: they manage plugins, the outbox, interests and schemes`
    )
  }
}
