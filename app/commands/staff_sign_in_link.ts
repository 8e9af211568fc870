import { BaseCommand, args } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * For a locked-out member of staff when email does not work: a one-time
 * link to choose a new password, printed for the operator to pass on. The
 * second factor is still asked for at sign-in (see staff:reset-two-factor).
 */
export default class StaffSignInLink extends BaseCommand {
  static commandName = 'staff:sign-in-link'
  static description =
    'Print a one-time link for a member of staff to choose a new password and sign in (when email does not work)'
  static options: CommandOptions = { startApp: true }

  @args.string({ description: 'The email address the member of staff signs in with' })
  declare email: string

  async run() {
    const { staffNamedBy } = await import('#services/platform/staff_accounts/command_line_staff')
    const { default: AuditLogger } = await import('#services/platform/audit/audit_logger')
    const { default: StaffPasswordResets, RESET_LIFETIME_MINUTES } =
      await import('#services/platform/staff_accounts/staff_password_reset')
    const user = await staffNamedBy(this, this.email, 'Check the address and run this again.')
    if (!user) return
    const link = await StaffPasswordResets.issue(user, 'reset')
    await AuditLogger.recordFromCommandLine('staff.sign_in_link_printed', user)
    this.logger.success(
      `A one-time link for ${user.email} to choose a new password, then sign in. It works once, for ${RESET_LIFETIME_MINUTES} minutes; any earlier link stops working. Pass it on privately:`
    )
    this.logger.log(link)
  }
}
