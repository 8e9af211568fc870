import type { BaseCommand } from '@adonisjs/core/ace'
import User from '#models/platform/user'

/**
 * The member of staff a staff:* command names by email, or null once the
 * command has said nobody signs in with it (and will exit non-zero).
 */
export async function staffNamedBy(command: BaseCommand, email: string, nextStep: string) {
  const address = email.trim().toLowerCase()
  const user = await User.findBy('email', address)
  if (!user) {
    command.logger.error(`Nobody signs in as ${address}. ${nextStep}`)
    command.exitCode = 1
  }
  return user
}
