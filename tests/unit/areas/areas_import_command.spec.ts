import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from '@japa/runner'
import ace from '@adonisjs/core/services/ace'
import AreasImport from '../../../app/commands/areas_import.js'
import { AREA_FILES, areaFixturePath, geoJsonBytes } from '#tests/helpers/boundary_fixtures'
import { rectangle } from '#tests/helpers/sign_up_fixtures'
import { countRows } from '#tests/helpers/fixtures'
import { emptyTablesAfterwards } from '#tests/helpers/database'

async function areasImport(...args: string[]) {
  const command = await ace.create(AreasImport, args)
  await command.exec()
  return command
}

test.group('areas:import', (group) => {
  group.each.setup(() => emptyTablesAfterwards())
  group.each.setup(() => ace.ui.switchMode('raw'))
  group.each.teardown(() => ace.ui.switchMode('normal'))

  test('a dry run reports what would change and writes nothing', async ({ assert }) => {
    const command = await areasImport(areaFixturePath(AREA_FILES.districts), '--dry-run')
    command.assertSucceeded()
    command.assertLog(
      '[ green(success) ] Read 2 districts from districts-isle-of-wight-rutland.geojson (GeoJSON, longitude and latitude (WGS84); codes from LAD13CD, names from LAD13NM)'
    )
    command.assertLog(
      '[ blue(info) ] Would add: 2 districts (E06000046 Isle of Wight; E06000017 Rutland)'
    )
    command.assertLog('[ blue(info) ] Dry run: nothing was written.')
    assert.equal(await countRows('areas'), 0)
  })

  test('imports districts, then a British National Grid shapefile of wards into one of them', async ({
    assert,
  }) => {
    ;(await areasImport(areaFixturePath(AREA_FILES.districts))).assertSucceeded()
    const command = await areasImport(
      areaFixturePath(AREA_FILES.wightGridWards),
      '--parent',
      'E06000046',
      '--simplify',
      '5'
    )
    command.assertSucceeded()
    command.assertLog(
      '[ green(success) ] Read 4 wards from wards-isle-of-wight-bng.zip (zipped shapefile, British National Grid (EPSG:27700); codes from WD13CD, names from WD13NM)'
    )
    command.assertLog(
      '[ blue(info) ] New: 4 wards (E05008482 Carisbrooke; E05008497 Newport Central; E05008498 Newport East; E05008502 Parkhurst)'
    )
    command.assertLog(
      '[ blue(info) ] Residents placed again: 0; moved to different areas: 0; now outside every area: 0'
    )
    assert.equal(await countRows('areas'), 6)
  })

  test('says what is wrong, names the features, and imports nothing', async ({ assert }) => {
    const wards = await areasImport(areaFixturePath(AREA_FILES.rutlandWards))
    wards.assertFailed()
    wards.assertLog(
      '[ red(error) ] Feature 1 (E05001806 Braunston and Belton) cannot be imported: it lies in no district imported so far (import the districts first, or give a lookup file or the parent district).'
    )
    wards.assertLog('[ red(error) ] Nothing was imported.')

    const missing = await areasImport('no-such-file.geojson')
    missing.assertFailed()
    missing.assertLog(
      '[ red(error) ] Cannot read no-such-file.geojson. Give the path to a boundary file from the ONS Open Geography Portal.'
    )

    const level = await areasImport(areaFixturePath(AREA_FILES.districts), '--level', 'county')
    level.assertFailed()
    level.assertLog('[ red(error) ] --level must be district or ward, not county.')

    const both = await areasImport(
      areaFixturePath(AREA_FILES.rutlandWards),
      '--parent',
      'E06000017',
      '--lookup',
      areaFixturePath(AREA_FILES.rutlandLookup)
    )
    both.assertLog('[ red(error) ] Give either --parent or --lookup, not both.')
    assert.equal(await countRows('areas'), 0)
  })

  test('lists the first 50 problems, then how many more there are', async ({ cleanup }) => {
    const folder = await mkdtemp(join(tmpdir(), 'beacon-areas-'))
    cleanup(() => rm(folder, { recursive: true, force: true }))
    const path = join(folder, 'wards.geojson')
    const wards = Array.from({ length: 60 }, (_, index) => ({
      type: 'Feature',
      properties: { WD24CD: `E0590${String(index).padStart(4, '0')}`, WD24NM: `Ward ${index + 1}` },
      geometry: rectangle(-1.3, 50.6, -1.2, 50.7),
    }))
    await writeFile(path, geoJsonBytes(wards))
    const command = await areasImport(path)
    command.assertFailed()
    command.assertLog(
      '[ red(error) ] Feature 50 (E05900049 Ward 50) cannot be imported: it lies in no district imported so far (import the districts first, or give a lookup file or the parent district).'
    )
    command.assertLog('[ red(error) ] …and 10 more.')
  })
})
