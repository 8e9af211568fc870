import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

export default class ResidentsPurgeUnconfirmed extends BaseCommand {
  static commandName = 'residents:purge-unconfirmed'
  // Its name before residents were called residents in the code: cron lines written for it keep working.
  static aliases = ['subscribers:purge-unconfirmed']
  static description =
    'Delete sign-ups that were never confirmed, once they are older than --days (run it daily)'
  static options: CommandOptions = { startApp: true }

  @flags.number({ description: 'How many days an unconfirmed sign-up is kept', default: 30 })
  declare days: number

  async run() {
    if (!Number.isInteger(this.days) || this.days < 1) {
      this.logger.error('--days must be a whole number of days, 1 or more')
      this.exitCode = 1
      return
    }
    const { default: UnconfirmedSignUpPurge } =
      await import('#services/residents/registration/unconfirmed_sign_up_purge')
    const deleted = await UnconfirmedSignUpPurge.purge(this.days)
    this.logger.success(
      `Deleted ${deleted} ${deleted === 1 ? 'sign-up' : 'sign-ups'} not confirmed within ${this.days} days`
    )
  }
}
