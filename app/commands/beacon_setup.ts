import { join, resolve } from 'node:path'
import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * Sets up a real install (no demo data): asks, or takes flags with
 * --no-interaction, then writes .env and creates the first organisation and
 * admin (app/services/platform/install/install_setup.ts does the work).
 */
export default class BeaconSetup extends BaseCommand {
  static commandName = 'beacon:setup'
  static description =
    'Set up this install for your organisation: the service name, first organisation and admin, web address, email and database'
  static options: CommandOptions = { startApp: true }

  @flags.boolean({
    description: 'Ask nothing: take every answer from the flags (for scripts)',
    default: true,
    showNegatedVariantInHelp: true,
  })
  declare interaction: boolean

  @flags.string({ description: 'The name residents see, like "Northshire Community Alert"' })
  declare serviceName?: string
  @flags.string({ description: 'The first organisation’s name' })
  declare organisationName?: string
  @flags.string({
    description: 'Its type: opcc, police, fire, council, neighbourhood_watch or other',
  })
  declare organisationType?: string
  @flags.string({ description: 'The first admin’s full name' })
  declare adminName?: string
  @flags.string({ description: 'The first admin’s email address' })
  declare adminEmail?: string
  @flags.string({ description: 'The public address, like https://alerts.example.org' })
  declare appUrl?: string
  @flags.string({ description: 'The address the web server listens on (default 127.0.0.1)' })
  declare host?: string
  @flags.string({ description: 'The port the web server listens on (default 3333)' })
  declare port?: string
  @flags.string({ description: 'sqlite (default) or pg' })
  declare database?: string
  @flags.string({
    description:
      'The SQLite file (default $SQLITE_FILE, else storage/beacon.sqlite3); .env gets its absolute path',
  })
  declare sqliteFile?: string
  @flags.string({
    description:
      'The folder for database backups (default $BACKUP_DIR, else backups/ beside the SQLite file, or storage/backups)',
  })
  declare backupDir?: string
  @flags.string({ description: 'PostgreSQL host (default 127.0.0.1)' })
  declare pgHost?: string
  @flags.string({ description: 'PostgreSQL port (default 5432)' })
  declare pgPort?: string
  @flags.string({ description: 'PostgreSQL user (default beacon)' })
  declare pgUser?: string
  @flags.string({ description: 'PostgreSQL password' })
  declare pgPassword?: string
  @flags.string({ description: 'PostgreSQL database (default beacon)' })
  declare pgDatabase?: string
  @flags.string({ description: 'SMTP host; without it, email waits in the Outbox' })
  declare smtpHost?: string
  @flags.string({ description: 'SMTP port (default 587)' })
  declare smtpPort?: string
  @flags.string({ description: 'SMTP user name' })
  declare smtpUser?: string
  @flags.string({ description: 'SMTP password' })
  declare smtpPassword?: string
  @flags.string({ description: 'yes when the SMTP server uses TLS from the start (port 465)' })
  declare smtpSecure?: string
  @flags.string({ description: 'The address emails come from' })
  declare mailFromAddress?: string
  @flags.string({ description: 'The name emails come from (default the service name)' })
  declare mailFromName?: string
  @flags.string({ description: 'Redis host (default 127.0.0.1)' })
  declare redisHost?: string
  @flags.string({ description: 'Redis port (default 6379)' })
  declare redisPort?: string
  @flags.string({ description: 'The folder to write .env in (default this install’s folder)' })
  declare envDir?: string

  async run() {
    const { default: InstallSetup } = await import('#services/platform/install/install_setup')
    const { readEnvFile } = await import('#services/platform/install/install_env_file')
    const { default: SetupInterview } = await import('#services/platform/install/setup_interview')
    const { default: app } = await import('@adonisjs/core/services/app')
    const envDir = resolve(this.envDir ?? app.makePath())

    const install = await InstallSetup.state(envDir)
    if (install.state === 'configured') {
      this.logger.info(
        `This install is already set up (${envDir}/.env has an APP_KEY and its database an organisation): nothing was changed. To let an admin in, run node ace staff:sign-in-link EMAIL.`
      )
      // The demo (npm run demo) leaves a configured install in the same folder.
      if (readEnvFile(join(envDir, '.env'))?.NODE_ENV !== 'production') {
        this.logger.info(
          'That .env is not a production one (the demo’s?). To set up a real install here instead, move it aside (mv .env .env.demo) and run node ace beacon:setup again.'
        )
      }
      return
    }
    if (install.state === 'unknown') {
      this.logger.error(
        `Nothing was changed: ${envDir}/.env already has an APP_KEY, but its database could not be checked, so it may hold an install. Fix the database settings in .env (or start the database) and run node ace beacon:doctor; to set up afresh, move that .env away first.\n${install.problem}`
      )
      this.exitCode = 1
      return
    }

    const given = {
      serviceName: this.serviceName,
      organisationName: this.organisationName,
      organisationType: this.organisationType,
      adminName: this.adminName,
      adminEmail: this.adminEmail,
      appUrl: this.appUrl,
      host: this.host,
      port: this.port,
      database: this.database,
      sqliteFile: this.sqliteFile,
      backupDir: this.backupDir,
      pgHost: this.pgHost,
      pgPort: this.pgPort,
      pgUser: this.pgUser,
      pgPassword: this.pgPassword,
      pgDatabase: this.pgDatabase,
      smtpHost: this.smtpHost,
      smtpPort: this.smtpPort,
      smtpUser: this.smtpUser,
      smtpPassword: this.smtpPassword,
      smtpSecure: this.smtpSecure,
      mailFromAddress: this.mailFromAddress,
      mailFromName: this.mailFromName,
      redisHost: this.redisHost,
      redisPort: this.redisPort,
    }
    const checked = this.interaction
      ? await SetupInterview.ask(this.prompt, given)
      : SetupInterview.check(given)
    if ('problems' in checked) {
      this.logger.error('Nothing was changed. Some answers need correcting:')
      for (const problem of checked.problems) this.logger.log(`  - ${problem}`)
      this.exitCode = 1
      return
    }

    this.logger.info(
      'Checking the database, then writing .env, preparing the database and creating the first admin…'
    )
    const outcome = await InstallSetup.apply(checked.answers, envDir)
    if (!outcome.done) {
      this.logger.error(outcome.problem)
      this.exitCode = 1
      return
    }
    this.logger.success(
      `Set up "${checked.answers.serviceName}": ${outcome.envFile} is written (NODE_ENV=production, with its APP_KEY), the database is ready, and ${checked.answers.organisationName} has its first admin, ${checked.answers.adminEmail}.`
    )
    this.logger.log(
      [
        '',
        'Give the first admin this link (it works once, for 24 hours). They set a password, then sign in and set up an authenticator app:',
        '',
        `  ${outcome.signInLink}`,
        '',
        'Start Beacon (see docs/deploy.md), then import your boundaries and postcodes: the staff dashboard lists what to do next.',
        'If the link runs out: node ace staff:sign-in-link ' + checked.answers.adminEmail,
      ].join('\n')
    )
  }
}
