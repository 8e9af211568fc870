import { BaseCommand } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/** Run by beacon:setup, in a process booted with the .env it found: is that install set up? */
export default class BeaconSetupStatus extends BaseCommand {
  static commandName = 'beacon:setup:status'
  static description = 'Used by beacon:setup: says whether this install already has an organisation'
  static options: CommandOptions = { startApp: true }

  async run() {
    const { default: FirstInstallSetup } = await import('#services/platform/install/first_install')
    try {
      this.logger.log(`configured: ${(await FirstInstallSetup.isConfigured()) ? 'yes' : 'no'}`)
    } catch (error) {
      // A database that cannot be reached may still hold an install: setup must not replace its settings.
      this.logger.log(`configured: unknown (${(error as Error).message})`)
    }
  }
}
