import { access } from 'node:fs/promises'
import { resolve } from 'node:path'
import { BaseCommand, args } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

export default class PostcodesImport extends BaseCommand {
  static commandName = 'postcodes:import'
  static description =
    'Import postcodes and their coordinates from an ONS Postcode Directory CSV file (terminated postcodes are skipped)'
  static help = [
    'Download the ONS Postcode Directory (ONSPD) from the ONS Open Geography Portal: geoportal.statistics.gov.uk.',
    'Beacon reads pcds (the postcode), lat and long (where it is) and doterm (set when withdrawn); other columns are ignored.',
    'To load only your area, keep the header row and the rows whose oslaua (district code) is yours:',
    '  head -1 ONSPD.csv > mine.csv && grep -E ",(E06000046|E06000045)," ONSPD.csv >> mine.csv',
    '  node ace postcodes:import mine.csv',
  ]
  static options: CommandOptions = { startApp: true }

  @args.string({ description: 'Path to the CSV file (the ONSPD layout: pcds, lat, long, doterm…)' })
  declare file: string

  async run() {
    const path = resolve(this.file)
    try {
      await access(path)
    } catch {
      this.logger.error(
        `Cannot read ${this.file}. Give the path to an ONS Postcode Directory CSV file.`
      )
      this.exitCode = 1
      return
    }

    const { default: PostcodeImport, PostcodeFileError } =
      await import('#services/areas/postcode_import')
    try {
      const report = await PostcodeImport.fromFile(path)
      this.logger.success(`Imported ${report.imported} postcodes from ${report.read} rows`)
      this.logger.info(`Skipped ${report.terminated} terminated postcodes`)
      this.logger.info(`Skipped ${report.withoutCoordinates} postcodes without coordinates`)
      if (report.malformed) {
        this.logger.warning(`Skipped ${report.malformed} rows whose pcds is not a UK postcode`)
      }
    } catch (error) {
      if (!(error instanceof PostcodeFileError)) throw error
      this.logger.error(error.message)
      this.exitCode = 1
    }
  }
}
