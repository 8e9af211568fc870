import { BaseCommand, args } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * For the one case the team page cannot answer: the only admin of an
 * organisation lost both their phone and their recovery codes.
 */
export default class StaffResetTwoFactor extends BaseCommand {
  static commandName = 'staff:reset-two-factor'
  static description =
    'Reset a member of staff’s two-factor sign-in: they set up an authenticator app at their next sign-in'
  static options: CommandOptions = { startApp: true }

  @args.string({ description: 'The email address the member of staff signs in with' })
  declare email: string

  async run() {
    const { staffNamedBy } = await import('#services/platform/staff_accounts/command_line_staff')
    const { default: TwoFactorReset } =
      await import('#services/platform/staff_accounts/two_factor_reset')
    const { default: AuditLogger } = await import('#services/platform/audit/audit_logger')
    const { default: mailTransport } =
      await import('#services/platform/infrastructure/mail_transport')
    const user = await staffNamedBy(this, this.email, 'Check the address and run this again.')
    if (!user) return
    const { hadTwoFactor, sessionsEnded } = await TwoFactorReset.reset(user, {
      name: 'The operator of this install',
      email: mailTransport.from.address,
      role: 'from the command line',
    })
    await AuditLogger.recordFromCommandLine('staff.two_factor_reset', user, {
      hadTwoFactor,
      sessionsEnded,
    })
    this.logger.success(
      `Two-factor sign-in for ${user.email} was reset: they set up an authenticator app at their next sign-in, and we emailed them`
    )
  }
}
