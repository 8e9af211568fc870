import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import Area from '#models/areas/area'
import AreaImport from '#services/areas/area_import'
import { emptyTablesAfterwards } from '#tests/helpers/database'

const LINCOLNSHIRE = [
  'database/data/lincolnshire/districts.geojson',
  'database/data/lincolnshire/wards.geojson',
].map((path) => app.makePath(path))

test.group('Area import', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('imports the Lincolnshire districts and wards with their hierarchy and bounds', async ({
    assert,
  }) => {
    await AreaImport.fromFiles(LINCOLNSHIRE)

    const districts = await Area.query().where('level', 'district')
    const wards = await Area.query().where('level', 'ward')
    assert.lengthOf(districts, 7)
    assert.lengthOf(wards, 180)
    assert.sameMembers(
      districts.map((district) => district.name),
      [
        'Boston',
        'East Lindsey',
        'Lincoln',
        'North Kesteven',
        'South Holland',
        'South Kesteven',
        'West Lindsey',
      ]
    )
    assert.isTrue(wards.every((ward) => ward.parentId !== null))

    const boston = districts.find((district) => district.name === 'Boston')!
    const central = wards.find((ward) => ward.code === 'E05005541')!
    assert.equal(central.parentId, boston.id)
    assert.isAbove(central.maxLng!, central.minLng!)
    assert.isAtLeast(central.minLng!, boston.minLng!)
    assert.isAtMost(central.maxLat!, boston.maxLat!)
  })

  test('importing again updates areas in place instead of duplicating them', async ({ assert }) => {
    await AreaImport.fromFiles(LINCOLNSHIRE)
    const before = await Area.findByOrFail('code', 'E05005541')
    await AreaImport.fromFiles(LINCOLNSHIRE)
    const after = await Area.findByOrFail('code', 'E05005541')
    assert.equal(after.id, before.id)
    assert.lengthOf(await Area.all(), 187)
  })
})
