import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

export default class DbBackup extends BaseCommand {
  static commandName = 'db:backup'
  static description =
    'Back up the database while Beacon runs (SQLite online backup, or pg_dump for PostgreSQL)'
  static options: CommandOptions = { startApp: true }

  @flags.string({
    description:
      'A file, or a directory for a timestamped file (default: BACKUP_DIR, else storage/backups)',
  })
  declare to?: string

  async run() {
    const { default: DatabaseBackup } = await import('#services/platform/install/database_backup')
    try {
      const backup = await DatabaseBackup.run(this.to)
      this.logger.success(`Backup written to ${backup.file}`)
      this.logger.log('To restore it:')
      backup.restore.forEach((step, index) => this.logger.log(`  ${index + 1}. ${step}`))
    } catch (error) {
      const reason = (error as { stderr?: string }).stderr?.trim() || (error as Error).message
      this.logger.error(`The backup failed: ${reason}`)
      const code = (error as { code?: unknown }).code
      if (code === 'ENOENT' && (error as { path?: string }).path === 'pg_dump') {
        this.logger.error('pg_dump is not installed: `sudo apt install postgresql-client`')
      } else if (typeof code === 'string') {
        this.logger.error('Check that --to (or BACKUP_DIR) names a folder Beacon can write to')
      }
      this.exitCode = 1
    }
  }
}
