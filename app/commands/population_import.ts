import { access } from 'node:fs/promises'
import { resolve } from 'node:path'
import { BaseCommand, args, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

export default class PopulationImportCommand extends BaseCommand {
  static commandName = 'population:import'
  static description =
    'Import ONS Census 2021 figures per ward (age, sex, ethnic group, main language, disability) from a bulk CSV, for Reports → Who we reach'
  static help = [
    'Download the bulk CSVs from the ONS (www.ons.gov.uk, "Census 2021 data: bulk download") or Nomis (www.nomisweb.co.uk/sources/census_2021_bulk):',
    'TS007 (age by single year), TS008 (sex), TS021 (ethnic group), TS024 (main language, detailed), TS038 (disability).',
    'Use the ward file, or the output area file with the ONS "Output Area (2021) to Ward" lookup from geoportal.statistics.gov.uk:',
    '  node ace population:import census2021-ts021-oa.csv --lookup OA21_WD22_LAD22_EW_LU.csv --skip-other-areas',
    'Import the ward boundaries first (areas:import). Contains public sector information licensed under the Open Government Licence v3.0.',
  ]
  static options: CommandOptions = { startApp: true }

  @args.string({
    description: 'Path to the Census bulk CSV (date, geography, geography code, then the figures)',
  })
  declare file: string

  @flags.string({
    description: 'The output area to ward lookup CSV (OA21CD, WD2xCD), for a file by output area',
  })
  declare lookup?: string

  @flags.boolean({
    description:
      'Skip rows for areas Beacon has no boundaries for (a national file), rather than refuse them',
  })
  declare skipOtherAreas?: boolean

  async run() {
    for (const path of [this.file, this.lookup].filter(Boolean) as string[]) {
      try {
        await access(resolve(path))
      } catch {
        this.logger.error(`Cannot read ${path}. Give the path to the CSV file.`)
        this.exitCode = 1
        return
      }
    }
    const { default: PopulationImport, CensusFileError } =
      await import('#services/areas/population/population_import')
    try {
      const report = await PopulationImport.fromFile(resolve(this.file), {
        lookupPath: this.lookup ? resolve(this.lookup) : undefined,
        skipOtherAreas: this.skipOtherAreas,
        onProgress: (rows) => this.logger.info(`Read ${rows.toLocaleString('en-GB')} rows…`),
      })
      if (report.problems.length) {
        for (const problem of report.problems) this.logger.error(problem)
        this.logger.error(
          `Nothing was imported: ${report.problems.length} of ${report.rowsRead} rows were refused (above). Correct them and import the file again; the figures already held are unchanged.`
        )
        this.exitCode = 1
        return
      }
      if (!report.saved) {
        this.logger.warning(`No rows for any ward Beacon has boundaries for: nothing was imported.`)
        return
      }
      this.logger.success(
        `Imported ${report.table} (${report.dimension}) for ${report.wards} wards: ${report.people.toLocaleString('en-GB')} people, from ${report.rowsRead} rows`
      )
      if (report.skippedOtherAreas) {
        this.logger.info(
          `Skipped ${report.skippedOtherAreas} rows for areas outside Beacon's wards`
        )
      }
    } catch (error) {
      if (!(error instanceof CensusFileError)) throw error
      this.logger.error(error.message)
      this.exitCode = 1
    }
  }
}
