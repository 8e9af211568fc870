import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import type { OrganisationType } from '#models/platform/organisation'

/**
 * Run by beacon:setup, in a process booted with the new .env (after the
 * migrations): the first organisation, its admin and the service name.
 * Prints the admin's "set your password" link on a line of its own.
 */
export default class BeaconSetupFinish extends BaseCommand {
  static commandName = 'beacon:setup:finish'
  static description =
    'Used by beacon:setup: creates the first organisation and install admin, and prints their link'
  static options: CommandOptions = { startApp: true }

  @flags.string({ required: true })
  declare serviceName: string
  @flags.string({ required: true })
  declare organisationName: string
  @flags.string({ required: true })
  declare organisationType: OrganisationType
  @flags.string({ required: true })
  declare adminName: string
  @flags.string({ required: true })
  declare adminEmail: string

  async run() {
    const { default: FirstInstallSetup } = await import('#services/platform/install/first_install')
    const link = await FirstInstallSetup.create({
      serviceName: this.serviceName,
      organisationName: this.organisationName,
      organisationType: this.organisationType,
      adminName: this.adminName,
      adminEmail: this.adminEmail,
    })
    if (!link) {
      this.logger.error('This install already has an organisation: nothing was changed.')
      this.exitCode = 1
      return
    }
    this.logger.log(`SIGN_IN_LINK=${link}`)
  }
}
