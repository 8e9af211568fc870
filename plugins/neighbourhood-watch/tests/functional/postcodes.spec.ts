import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { createOrganisation } from '#tests/helpers/fixtures'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import { seedMappedAreas, seedPostcodes } from '#tests/helpers/sign_up_fixtures'
import { FakeRegister } from '../helpers/fake_register.js'
import { enableWatch, finishedSync, importedSchemes, PAGE } from '../helpers/watch_setup.js'

test.group('Neighbourhood Watch: places by postcode', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('a scheme given a postcode is tied to its ward; members live where their postcode is', async ({
    assert,
    cleanup,
  }) => {
    const fake = await new FakeRegister().start()
    cleanup(() => fake.stop())
    await seedMappedAreas()
    await seedPostcodes()
    fake.schemes = [
      {
        id: 'NW-7',
        name: 'Castle Watch',
        postcode: 'pe21 6zz',
        members: [
          {
            id: 'M-1',
            name: 'Ann Abbey',
            email: 'ann@example.test',
            postcode: 'LN2 5ZZ',
            consent: true,
          },
          { id: 'M-2', name: 'Bo Central', email: 'bo@example.test', consent: true },
        ],
      },
      { id: 'NW-8', name: 'Shetland Watch', postcode: 'ZE1 0ZZ', members: [] },
      { id: 'NW-9', name: 'Nowhere Watch', postcode: 'XX1 1XX', members: [] },
    ]
    const admin = await enableWatch(await createOrganisation(), fake, cleanup)
    const started = await admin.post(`${PAGE}/sync`, {})
    const page = await finishedSync(admin, new URL(started.url).pathname)

    assert.equal((await importedSchemes())['NW-7'].areaCode, 'M-W1')
    assert.include(page.text, 'The postcode ZE1 0ZZ is outside every area Beacon covers')
    assert.include(page.text, 'The postcode XX1 1XX is not one Beacon knows')
    const areasOf = async (email: string) => {
      const rows = await db
        .from('resident_areas')
        .join('residents', 'residents.id', 'resident_areas.resident_id')
        .join('areas', 'areas.id', 'resident_areas.area_id')
        .where('residents.email', email)
        .orderBy('areas.code')
        .select('areas.code')
      return rows.map((row) => row.code)
    }
    assert.deepEqual(await areasOf('ann@example.test'), ['M-D2', 'M-W3'])
    assert.deepEqual(await areasOf('bo@example.test'), ['M-D1', 'M-W1'])
    const ann = await db.from('residents').where('email', 'ann@example.test').first()
    assert.equal(ann.postcode, 'LN2 5ZZ')
  })
})
