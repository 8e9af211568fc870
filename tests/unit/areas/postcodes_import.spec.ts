import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import ace from '@adonisjs/core/services/ace'
import Postcode from '#models/areas/postcode'
import PostcodesImport from '../../../app/commands/postcodes_import.js'
import PostcodeImport from '#services/areas/postcode_import'
import { countRows } from '#tests/helpers/fixtures'
import { emptyTablesAfterwards } from '#tests/helpers/database'

const HEADER = 'pcd,pcd2,pcds,dointr,doterm,oslaua,osward,usertype,osgrdind,lat,long'

async function csvFile(lines: string[]) {
  const folder = await mkdtemp(join(tmpdir(), 'beacon-postcodes-'))
  const path = join(folder, 'ONSPD.csv')
  await writeFile(path, lines.join('\n') + '\n')
  return { path, remove: () => rm(folder, { recursive: true, force: true }) }
}

test.group('postcodes:import', (group) => {
  group.each.setup(() => emptyTablesAfterwards())
  group.each.setup(() => ace.ui.switchMode('raw'))
  group.each.teardown(() => ace.ui.switchMode('normal'))

  test('imports live postcodes with coordinates and reports what it skipped', async ({
    assert,
    cleanup,
  }) => {
    const file = await csvFile([
      HEADER,
      'LN1 1AA,LN1  1AA,LN1 1AA,198001,,E07000138,E05005612,0,1,53.234567,-0.540000',
      'PE218AA,PE21 8AA,pe21 8aa,198001,,E07000136,E05005541,0,1,52.97,-0.02',
      // Terminated: still listed in the directory, but no longer anyone's address.
      'LN1 1AB,LN1  1AB,LN1 1AB,198001,201912,E07000138,E05005612,0,1,53.2,-0.5',
      // No grid reference: the directory's placeholder coordinates.
      'LN1 1AD,LN1  1AD,LN1 1AD,198001,,E07000138,E05005612,0,9,99.999999,0.000000',
      'LN1 1AE,LN1  1AE,LN1 1AE,198001,,E07000138,E05005612,0,9,,',
      'NOT A CODE,,NOT A CODE,198001,,,,0,1,53.2,-0.5',
    ])
    cleanup(file.remove)

    const command = await ace.create(PostcodesImport, [file.path])
    await command.exec()
    command.assertSucceeded()
    command.assertLog('[ green(success) ] Imported 2 postcodes from 6 rows')
    command.assertLog('[ blue(info) ] Skipped 1 terminated postcodes')
    command.assertLog('[ blue(info) ] Skipped 2 postcodes without coordinates')
    command.assertLog('[ yellow(warn) ] Skipped 1 rows whose pcds is not a UK postcode')

    const postcodes = await Postcode.query().orderBy('postcode')
    assert.deepEqual(
      postcodes.map(({ postcode, lat, lng }) => ({ postcode, lat, lng })),
      [
        { postcode: 'LN1 1AA', lat: 53.234567, lng: -0.54 },
        { postcode: 'PE21 8AA', lat: 52.97, lng: -0.02 },
      ]
    )
  })

  test('importing again updates postcodes in place, across batches and within one', async ({
    assert,
    cleanup,
  }) => {
    const first = await csvFile([HEADER, 'LN1 1AA,,LN1 1AA,198001,,,,0,1,53.1,-0.5'])
    const second = await csvFile([
      HEADER,
      'LN1 1AA,,LN1 1AA,198001,,,,0,1,53.2,-0.6',
      'LN1 1AB,,LN1 1AB,198001,,,,0,1,53.3,-0.7',
      'LN1 1AB,,LN1 1AB,198001,,,,0,1,53.4,-0.8',
      'LN1 1AD,,LN1 1AD,198001,,,,0,1,53.5,-0.9',
    ])
    cleanup(first.remove)
    cleanup(second.remove)

    await PostcodeImport.fromFile(first.path)
    const report = await PostcodeImport.fromFile(second.path, 2)
    assert.equal(report.read, 4)
    assert.equal(await countRows('postcodes'), 3)
    const updated = await Postcode.findOrFail('LN1 1AA')
    assert.deepEqual([updated.lat, updated.lng], [53.2, -0.6])
    const repeated = await Postcode.findOrFail('LN1 1AB')
    assert.deepEqual([repeated.lat, repeated.lng], [53.4, -0.8])
  })

  test('the demo sample file imports its synthetic postcodes and skips the two it should', async ({
    assert,
  }) => {
    const command = await ace.create(PostcodesImport, [
      app.makePath('database/data/lincolnshire/postcodes_sample.csv'),
    ])
    await command.exec()
    command.assertSucceeded()
    command.assertLog('[ green(success) ] Imported 17 postcodes from 19 rows')
    assert.equal(await countRows('postcodes'), 17)
    assert.isNull(await Postcode.find('LN1 3ZY'), 'terminated')
    assert.isNull(await Postcode.find('LN2 5ZY'), 'without coordinates')
  })

  test('a file that is missing or not in the directory layout is refused with a reason', async ({
    cleanup,
  }) => {
    const missing = await ace.create(PostcodesImport, ['/nonexistent/ONSPD.csv'])
    await missing.exec()
    missing.assertFailed()
    missing.assertLogMatches(/Cannot read \/nonexistent\/ONSPD\.csv/)

    const wrong = await csvFile(['postcode,latitude,longitude', 'LN1 1AA,53.2,-0.5'])
    cleanup(wrong.remove)
    const command = await ace.create(PostcodesImport, [wrong.path])
    await command.exec()
    command.assertFailed()
    command.assertLogMatches(
      /not in the ONS Postcode Directory layout: it has no pcds, lat, long, doterm column/
    )
  })
})
