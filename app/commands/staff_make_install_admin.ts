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
    const { default: User } = await import('#models/user')
    const email = this.email.trim().toLowerCase()
    const user = await User.findBy('email', email)
    if (!user) {
      this.logger.error(
        `Nobody signs in as ${email}. Invite them to an organisation first, then run this again.`
      )
      this.exitCode = 1
      return
    }
    if (user.isInstallAdmin) {
      this.logger.info(`${user.email} is already an install admin`)
      return
    }
    user.isInstallAdmin = true
    await user.save()
    const { default: AuditLog } = await import('#models/audit_log')
    await AuditLog.create({
      userId: null,
      organisationId: null,
      action: 'staff.install_admin_granted',
      subjectType: 'user',
      subjectId: user.id,
      details: { email: user.email, by: 'command line' },
      ip: null,
    })
    this.logger.success(
      `${user.email} is now an install admin: they manage plugins, the outbox, interests and schemes`
    )
  }
}
