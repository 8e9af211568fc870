import { BaseCommand, args, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { ORGANISATION_TYPES } from '#models/platform/organisation'

export default class OrganisationsCreate extends BaseCommand {
  static commandName = 'organisations:create'
  static description =
    'Create an organisation sharing this install and invite its first admin by email (the link is printed too)'
  static options: CommandOptions = { startApp: true }

  @args.string({ description: 'Its name, as residents and staff see it, like "Northshire Police"' })
  declare name: string

  @flags.string({
    description: `What kind of body it is: ${Object.keys(ORGANISATION_TYPES).join(', ')}`,
    default: 'other',
  })
  declare type: string

  @flags.string({ description: 'Email address of its first admin, who is sent an invitation' })
  declare adminEmail?: string

  @flags.string({
    description: 'Short name for its sign-up link (made from the name when not given)',
  })
  declare slug?: string

  async run() {
    const { errors } = await import('@vinejs/vine')
    const { newOrganisationValidator } = await import('#validators/platform/organisation')
    const { default: OrganisationRegistry } =
      await import('#services/platform/organisations/organisation_registry')
    const { absoluteUrl } = await import('#services/messaging/public_alert_view')

    let payload
    try {
      payload = await newOrganisationValidator.validate(
        { name: this.name, type: this.type, adminEmail: this.adminEmail, slug: this.slug },
        { meta: {} }
      )
    } catch (error) {
      if (!(error instanceof errors.E_VALIDATION_ERROR)) throw error
      for (const problem of error.messages as { field: string; message: string }[]) {
        this.logger.error(this.#explain(problem.field, problem.message))
      }
      this.exitCode = 1
      return
    }

    const { organisation, invitation } = await OrganisationRegistry.create(payload, {
      user: null,
      ip: null,
    })
    this.logger.success(
      `Created ${organisation.name} (${organisation.typeLabel}), id ${organisation.id}, sign-up link ${absoluteUrl(`/sign-up?organisation=${organisation.slug}`)}`
    )
    if (invitation) {
      this.logger.info(
        `Invited ${invitation.email} to be its admin. The link works once, for 7 days:`
      )
      this.logger.log(invitation.link)
    } else {
      this.logger.info(
        'It has no admin yet: invite one from Settings → Organisations, or run this again with --admin-email'
      )
    }
  }

  /** The type flag's message names the choices: the page shows them as radios. */
  #explain(field: string, message: string) {
    if (field === 'type') {
      return `--type must be one of: ${Object.keys(ORGANISATION_TYPES).join(', ')}`
    }
    if (field === 'adminEmail') return `--admin-email: ${message}`
    if (field === 'slug') return `--slug: ${message}`
    return message
  }
}
