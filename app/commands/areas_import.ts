import { readFile } from 'node:fs/promises'
import { basename, resolve } from 'node:path'
import { BaseCommand, args, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

// A national file whose every ward lacks a district would otherwise print thousands of lines.
const SHOWN_PROBLEMS = 50

export default class AreasImport extends BaseCommand {
  static commandName = 'areas:import'
  static description =
    'Import district or ward boundaries from an ONS Open Geography Portal download (GeoJSON, TopoJSON or a zipped shapefile, in WGS84 or British National Grid)'
  static help = [
    'Import the districts first, then the wards. Re-importing updates areas by their code and places residents again.',
    '  node ace areas:import LAD_DEC_2024_UK_BFC.zip --dry-run',
    '  node ace areas:import WD_DEC_2024_UK_BGC.geojson --lookup WD24_LAD24_UK_LU.csv --simplify 10',
  ]
  static options: CommandOptions = { startApp: true }

  @args.string({ description: 'The boundary file (.geojson, .json, .topojson or .zip)' })
  declare file: string

  @flags.string({
    description: 'district or ward (default: from the property names, e.g. LAD24CD or WD24CD)',
  })
  declare level?: string

  @flags.string({
    description: 'The property holding each area’s code (default: detected, e.g. LAD24CD)',
  })
  declare codeProperty?: string

  @flags.string({
    description: 'The property holding each area’s name (default: detected, e.g. LAD24NM)',
  })
  declare nameProperty?: string

  @flags.string({
    description: 'Wards: the code of the district every ward in the file belongs to',
  })
  declare parent?: string

  @flags.string({
    description: 'Wards: an ONS ward to district lookup CSV (WDxxCD and LADxxCD columns)',
  })
  declare lookup?: string

  @flags.number({
    description:
      'Simplify boundaries to within this many metres (e.g. 10); 0 keeps them as they are',
  })
  declare simplify?: number

  @flags.boolean({
    description: 'Remove areas of this level (in the same districts) that the file no longer has',
  })
  declare removeMissing?: boolean

  @flags.boolean({ description: 'Report what would change, and write nothing' })
  declare dryRun?: boolean

  async run() {
    const problem = this.#invalidFlag()
    if (problem) return this.#fail(problem)

    const { prepareBoundaries, BoundaryProblemsError } =
      await import('#services/areas/boundaries/prepared_boundaries')
    const { BoundaryFileError } = await import('#services/areas/boundaries/boundary_file')
    const { readWardLookup } = await import('#services/areas/boundaries/ward_districts')
    const { importBoundaries } = await import('#services/areas/boundaries/boundary_import')
    const { reportLines } = await import('#services/areas/boundaries/report_lines')

    const bytes = await this.#read(this.file, 'a boundary file from the ONS Open Geography Portal')
    if (!bytes) return
    const lookupBytes = this.lookup
      ? await this.#read(this.lookup, 'a ward to district lookup CSV')
      : null
    if (this.lookup && !lookupBytes) return
    try {
      const prepared = await prepareBoundaries(bytes, basename(this.file), {
        level: (this.level as 'district' | 'ward' | undefined) ?? null,
        codeProperty: this.codeProperty,
        nameProperty: this.nameProperty,
        simplifyMetres: this.simplify ?? 0,
      })
      const report = await importBoundaries(prepared, {
        parentCode: this.parent,
        lookup: lookupBytes ? readWardLookup(lookupBytes, basename(this.lookup!)) : null,
        removeMissing: this.removeMissing,
        dryRun: this.dryRun,
      })
      const [first, ...rest] = reportLines(report)
      this.logger.success(first)
      for (const line of rest) this.logger.info(line)
    } catch (error) {
      if (error instanceof BoundaryProblemsError) {
        for (const line of error.problems.slice(0, SHOWN_PROBLEMS)) this.logger.error(line)
        if (error.problems.length > SHOWN_PROBLEMS) {
          this.logger.error(`…and ${error.problems.length - SHOWN_PROBLEMS} more.`)
        }
        return this.#fail('Nothing was imported.')
      }
      if (error instanceof BoundaryFileError)
        return this.#fail(`${error.message} Nothing was imported.`)
      throw error
    }
  }

  #invalidFlag() {
    if (this.level && !['district', 'ward'].includes(this.level)) {
      return `--level must be district or ward, not ${this.level}.`
    }
    if (
      this.simplify !== undefined &&
      !(Number.isFinite(this.simplify) && this.simplify >= 0 && this.simplify <= 1000)
    ) {
      return '--simplify must be a number of metres from 0 to 1000.'
    }
    if (this.parent && this.lookup) return 'Give either --parent or --lookup, not both.'
    if ((this.parent || this.lookup) && this.level === 'district') {
      return '--parent and --lookup are for wards; districts have no parent.'
    }
    return null
  }

  async #read(path: string, what: string) {
    try {
      return await readFile(resolve(path))
    } catch {
      this.#fail(`Cannot read ${path}. Give the path to ${what}.`)
      return null
    }
  }

  #fail(message: string) {
    this.logger.error(message)
    this.exitCode = 1
  }
}
