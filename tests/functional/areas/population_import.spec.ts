import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from '@japa/runner'
import ace from '@adonisjs/core/services/ace'
import db from '@adonisjs/lucid/services/db'
import PopulationImportCommand from '../../../app/commands/population_import.js'
import PopulationImport from '#services/areas/population/population_import'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import { CENSUS_FILES, censusAreas, censusFixturePath } from '#tests/helpers/census_fixtures'

async function runImport(file: string, ...flags: string[]) {
  const command = await ace.create(PopulationImportCommand, [censusFixturePath(file), ...flags])
  await command.exec()
  return command
}

/** population_stats of one dimension as { wardCode: { category: count } }. */
async function stats(dimension: string) {
  const rows = await db
    .from('population_stats')
    .join('areas', 'areas.id', 'population_stats.area_id')
    .where('dimension', dimension)
    .select('areas.code', 'category', 'count')
  const result: Record<string, Record<string, number>> = {}
  for (const row of rows) {
    result[row.code] = { ...result[row.code], [row.category]: Number(row.count) }
  }
  return result
}

test.group('population:import', (group) => {
  group.each.setup(() => emptyTablesAfterwards())
  group.each.setup(() => ace.ui.switchMode('raw'))
  group.each.teardown(() => ace.ui.switchMode('normal'))

  test('loads sex by ward for the Isle of Wight and a Lincolnshire ward', async ({ assert }) => {
    await censusAreas()
    const command = await runImport(CENSUS_FILES.sex)
    command.assertSucceeded()
    command.assertLog(
      '[ green(success) ] Imported TS008 (sex) for 4 wards: 22,000 people, from 4 rows'
    )
    assert.deepEqual(await stats('sex'), {
      E05008482: { female: 2000, male: 2000 },
      E05008497: { female: 5000, male: 5000 },
      E05008506: { female: 2500, male: 2500 },
      E05005541: { female: 1500, male: 1500 },
    })
  })

  test('adds output areas up into their wards through the ONS lookup, counting each group once', async ({
    assert,
  }) => {
    await censusAreas()
    const command = await runImport(
      CENSUS_FILES.ethnicityByOutputArea,
      '--lookup',
      censusFixturePath(CENSUS_FILES.lookup)
    )
    command.assertSucceeded()
    // Carisbrooke is E00999001 + E00999002: Asian (20 + 10) + (5 + 5), Black 15 + 10, Mixed 12 + 8,
    // White (1500 + 300) + (1800 + 250), Other 8 + 2. The group columns are subtotals, not added again.
    const ethnicity = await stats('ethnicity')
    assert.deepEqual(ethnicity.E05008482, {
      asian: 40,
      black: 25,
      mixed: 20,
      white: 3850,
      other: 10,
    })
    assert.deepEqual(ethnicity.E05005541, {
      asian: 35,
      black: 30,
      mixed: 12,
      white: 1600,
      other: 6,
    })
    assert.lengthOf(Object.keys(ethnicity), 4)
  })

  test('maps single years of age onto the sign-up age bands, and languages onto its languages', async ({
    assert,
  }) => {
    await censusAreas()
    ;(await runImport(CENSUS_FILES.age)).assertSucceeded()
    ;(await runImport(CENSUS_FILES.language)).assertSucceeded()
    // Boston Central: 3,000 people, 29 in each of the 101 years (29 × 101 = 2,929), the 71 left over
    // under 1. Under 18: 18 years × 29 + 71 = 593; 18 to 24: 7 × 29; 75 or over: 75 to 99 and 100+ = 26 × 29.
    const age = (await stats('ageBand')).E05005541
    assert.deepEqual(age, {
      'under_18': 593,
      '18_24': 203,
      '25_34': 290,
      '35_44': 290,
      '45_54': 290,
      '55_64': 290,
      '65_74': 290,
      '75_plus': 754,
    })
    // Polish, Romanian and Bengali by name; Panjabi is the ONS spelling of Punjabi; Italian and
    // Gujarati are "another language"; the EU and South Asian columns are subtotals.
    assert.deepEqual((await stats('mainLanguage')).E05005541, {
      en: 2300,
      cy: 0,
      pl: 350,
      ro: 120,
      lt: 0,
      pt: 0,
      ur: 0,
      pa: 60,
      ar: 0,
      bn: 10,
      other: 30,
    })
  })

  test('reports each broken row with its line number and imports nothing', async ({ assert }) => {
    await censusAreas()
    ;(await runImport(CENSUS_FILES.sex)).assertSucceeded()
    const command = await runImport(CENSUS_FILES.broken)
    command.assertFailed()
    command.assertLog(
      '[ red(error) ] Line 3: E05099999 is not one of the wards Beacon has boundaries for. Import the boundaries first, or remove the row.'
    )
    command.assertLog(
      '[ red(error) ] Line 4: the count for "Sex: Female" is "lots", not a whole number.'
    )
    command.assertLog(
      '[ red(error) ] Line 5: E00999001 is an output area: give the output area to ward lookup file (--lookup).'
    )
    command.assertLog('[ red(error) ] Line 6: "WARD-7" is not an ONS area code (like E05008479).')
    command.assertLog('[ red(error) ] Line 7: E05008482 appears again (first on line 2).')
    command.assertLog(
      '[ red(error) ] Line 8: E06000046 is a district: give figures by ward or output area.'
    )
    command.assertLog(
      '[ red(error) ] Line 9: the count for "Sex: Female" is "-3", not a whole number.'
    )
    command.assertLog(
      '[ red(error) ] Nothing was imported: 7 of 8 rows were refused (above). Correct them and import the file again; the figures already held are unchanged.'
    )
    // The earlier import stands, untouched.
    assert.deepEqual((await stats('sex')).E05008482, { female: 2000, male: 2000 })
  })

  test('refuses a column the Census table does not have', async () => {
    await censusAreas()
    const unknown = await runImport(CENSUS_FILES.unknownColumn)
    unknown.assertFailed()
    unknown.assertLog(
      '[ red(error) ] These columns are not ones Beacon knows in TS008, so nothing was imported: "Sex: Other".'
    )
  })

  test('a new import replaces the figures of its wards and dimension only', async ({ assert }) => {
    const { carisbrooke } = await censusAreas()
    ;(await runImport(CENSUS_FILES.sex)).assertSucceeded()
    ;(await runImport(CENSUS_FILES.age)).assertSucceeded()
    await db
      .from('population_stats')
      .where('area_id', carisbrooke.id)
      .where('dimension', 'sex')
      .update({ count: 1 })
    ;(await runImport(CENSUS_FILES.sex)).assertSucceeded()
    assert.deepEqual((await stats('sex')).E05008482, { female: 2000, male: 2000 })
    assert.lengthOf(Object.keys(await stats('ageBand')), 4)
    const rows = await db.from('population_stats').where('dimension', 'sex').count('* as total')
    assert.equal(Number(rows[0].total), 8)
  })

  test('reads a file as a stream, saying how many rows it has read as it goes', async ({
    assert,
  }) => {
    await censusAreas()
    const seen: number[] = []
    const report = await PopulationImport.fromFile(
      censusFixturePath(CENSUS_FILES.ethnicityByOutputArea),
      {
        lookupPath: censusFixturePath(CENSUS_FILES.lookup),
        progressEvery: 2,
        onProgress: (rows) => seen.push(rows),
      }
    )
    assert.deepEqual(seen, [2, 4])
    assert.equal(report.rowsRead, 5)
    assert.isTrue(report.saved)
  })

  test('a national file: rows for other areas are refused, or skipped and counted when asked', async ({
    assert,
    cleanup,
  }) => {
    await censusAreas()
    const folder = await mkdtemp(join(tmpdir(), 'beacon-census-'))
    cleanup(() => rm(folder, { recursive: true, force: true }))
    const path = join(folder, 'national.csv')
    const original = await readFile(censusFixturePath(CENSUS_FILES.sex), 'utf8')
    // Braunston and Belton is a Rutland ward, whose boundaries this install does not have.
    await writeFile(path, original + '2021,Braunston and Belton,E05001806,2000,1000,1000\n')

    const refused = await ace.create(PopulationImportCommand, [path])
    await refused.exec()
    refused.assertFailed()
    refused.assertLog(
      '[ red(error) ] Line 6: E05001806 is not one of the wards Beacon has boundaries for. Import the boundaries first, or remove the row.'
    )
    const skipped = await ace.create(PopulationImportCommand, [path, '--skip-other-areas'])
    await skipped.exec()
    skipped.assertSucceeded()
    skipped.assertLog("[ blue(info) ] Skipped 1 rows for areas outside Beacon's wards")
    assert.lengthOf(Object.keys(await stats('sex')), 4)

    const badLookup = await runImport(
      CENSUS_FILES.ethnicityByOutputArea,
      '--lookup',
      censusFixturePath(CENSUS_FILES.sex)
    )
    badLookup.assertFailed()
    badLookup.assertLog(
      '[ red(error) ] The lookup file needs an OA21CD column and a ward code column (WD22CD, WD23CD or similar): download "Output Area (2021) to Ward" from the ONS Open Geography Portal.'
    )
  })
})
