import { BaseCommand } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

const MARKS = { ok: '✔', warning: '!', problem: '✖' } as const

export default class BeaconDoctor extends BaseCommand {
  static commandName = 'beacon:doctor'
  static description =
    'Check this install is configured to run for real (keys, https, email, Redis, database, workers) and say what to fix'
  static options: CommandOptions = { startApp: true }

  async run() {
    const { default: InstallDoctor } = await import('#services/platform/install/install_doctor')
    const findings = await InstallDoctor.examine()
    for (const finding of findings) {
      const line = `${MARKS[finding.status]} ${finding.message}`
      if (finding.status === 'ok') this.logger.log(this.colors.green(line))
      else if (finding.status === 'warning') this.logger.log(this.colors.yellow(line))
      else this.logger.log(this.colors.red(line))
      if (finding.fix) this.logger.log(`    Fix: ${finding.fix}`)
    }
    const problems = findings.filter((finding) => finding.status === 'problem').length
    if (problems > 0) {
      this.logger.log(`\n${problems} thing(s) to fix before this install is ready.`)
      this.exitCode = 1
    } else {
      this.logger.log('\nThis install is ready.')
    }
  }
}
