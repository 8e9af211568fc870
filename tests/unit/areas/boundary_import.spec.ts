import { test } from '@japa/runner'
import Area from '#models/areas/area'
import Alert from '#models/messaging/alert'
import Segment from '#models/targeting/segment'
import type Resident from '#models/residents/resident'
import { importBoundaries } from '#services/areas/boundaries/boundary_import'
import {
  BoundaryProblemsError,
  prepareBoundaries,
} from '#services/areas/boundaries/prepared_boundaries'
import { readWardLookup } from '#services/areas/boundaries/ward_districts'
import {
  AREA_FILES,
  areaFixture,
  geoJsonBytes,
  importAreaFixture,
  PLACES,
} from '#tests/helpers/boundary_fixtures'
import { countRows, createOrganisation, createResident } from '#tests/helpers/fixtures'
import { createScheme } from '#tests/helpers/resident_fixtures'
import { rectangle } from '#tests/helpers/sign_up_fixtures'
import { emptyTablesAfterwards } from '#tests/helpers/database'

const wardNamed = (name: string) => Area.query().where('name', name).firstOrFail()

async function areasOf(resident: Resident) {
  const areas = await resident.related('areas').query().orderBy('level', 'desc').orderBy('name')
  return areas.map((area) => area.name)
}

/** The Isle of Wight wards file as features, to change before importing it again. */
async function wightFeatures() {
  const collection = JSON.parse((await areaFixture(AREA_FILES.wightWards)).toString())
  return collection.features as { properties: Record<string, string>; geometry: unknown }[]
}

async function importFeatures(features: unknown[], choices = {}) {
  const prepared = await prepareBoundaries(geoJsonBytes(features), 'wards-2025.geojson')
  return importBoundaries(prepared, choices)
}

function residentAt(place: { lat: number; lng: number }, ward: Area) {
  return createResident(ward, [], { lat: place.lat, lng: place.lng })
}

test.group('Boundary import', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('a dry run reports what would be added and writes nothing', async ({ assert }) => {
    const report = await importAreaFixture(AREA_FILES.districts, { dryRun: true })
    assert.isTrue(report.dryRun)
    assert.deepEqual(report.added, [
      { code: 'E06000046', name: 'Isle of Wight' },
      { code: 'E06000017', name: 'Rutland' },
    ])
    assert.equal(await countRows('areas'), 0)
  })

  test('wards find their district by containment, and importing again changes nothing', async ({
    assert,
  }) => {
    await importAreaFixture(AREA_FILES.districts)
    const first = await importAreaFixture(AREA_FILES.wightWards)
    assert.lengthOf(first.added, 39)
    const wight = await Area.findByOrFail('code', 'E06000046')
    const carisbrooke = await wardNamed('Carisbrooke')
    assert.equal(carisbrooke.parentId, wight.id)
    const wards = await Area.query().where('parent_id', wight.id)
    assert.lengthOf(wards, 39)

    const again = await importAreaFixture(AREA_FILES.wightWards)
    assert.deepInclude(again, { added: [], changed: [], unchanged: 39, missing: [] })
    assert.equal((await wardNamed('Carisbrooke')).id, carisbrooke.id)
    assert.equal(await countRows('areas'), 41)
  })

  test('wards find their district from a lookup file or a chosen parent', async ({ assert }) => {
    await importAreaFixture(AREA_FILES.districts)
    const lookup = readWardLookup(await areaFixture(AREA_FILES.rutlandLookup), 'lookup.csv')
    await importAreaFixture(AREA_FILES.rutlandWards, { lookup })
    const rutland = await Area.findByOrFail('code', 'E06000017')
    assert.equal((await wardNamed('Oakham North East')).parentId, rutland.id)

    await importAreaFixture(AREA_FILES.wightGridWards, { parentCode: 'E06000046' })
    const wight = await Area.findByOrFail('code', 'E06000046')
    assert.equal((await wardNamed('Parkhurst')).parentId, wight.id)

    await assert.rejects(
      () => importAreaFixture(AREA_FILES.wightGridWards, { parentCode: 'E06000099' }),
      'There is no district with the code E06000099. Import the districts first, then the wards.'
    )
  })

  test('a ward with no district stops the whole import, naming it', async ({ assert }) => {
    await importAreaFixture(AREA_FILES.districts)
    const features = await wightFeatures()
    features.push({
      properties: { WD13CD: 'E05999999', WD13NM: 'Offshore' },
      geometry: rectangle(-0.5, 51.5, -0.4, 51.6),
    })
    const error = await importFeatures(features).catch((caught) => caught)
    assert.instanceOf(error, BoundaryProblemsError)
    assert.deepEqual(error.problems, [
      'Feature 40 (E05999999 Offshore) cannot be imported: it lies in no district imported so far (import the districts first, or give a lookup file or the parent district).',
    ])
    assert.equal(await countRows('areas'), 2)
  })

  test('a ward in the lookup file whose district was never imported is refused', async ({
    assert,
  }) => {
    const lookup = readWardLookup(await areaFixture(AREA_FILES.rutlandLookup), 'lookup.csv')
    const error = await importAreaFixture(AREA_FILES.rutlandWards, { lookup }).catch((e) => e)
    assert.equal(
      error.problems[0],
      'Feature 1 (E05001806 Braunston and Belton) cannot be imported: its district E06000017 has not been imported (import the districts first).'
    )
    assert.throws(
      () => readWardLookup(Buffer.from('ward,district\nA,B\n'), 'mine.csv'),
      'mine.csv is not a ward to district lookup: it needs a ward code column (such as WD24CD) and a district code column (such as LAD24CD).'
    )
    assert.equal(await countRows('areas'), 0)
  })

  test('changed boundaries place residents again and report what names the areas that went', async ({
    assert,
  }) => {
    await importAreaFixture(AREA_FILES.districts)
    await importAreaFixture(AREA_FILES.wightWards)
    const castle = await residentAt(PLACES.carisbrookeCastle, await wardNamed('Carisbrooke'))
    const forest = await residentAt(PLACES.parkhurstForest, await wardNamed('Parkhurst'))
    // Chose Ryde North East from the list: no point to place again.
    const ryde = await createResident(await wardNamed('Ryde North East'), [])
    const parkhurst = await wardNamed('Parkhurst')
    const rydeNorthEast = await wardNamed('Ryde North East')
    const organisation = await createOrganisation('Isle of Wight Council')
    await Segment.create({
      organisationId: organisation.id,
      name: 'Parkhurst residents',
      criteria: { areaIds: [parkhurst.id] },
    })
    await createScheme('Parkhurst Forest Watch', 'neighbourhood_watch', parkhurst)
    const draft = await Alert.create({
      organisationId: organisation.id,
      title: 'Ryde road closure',
      body: 'Body',
      priority: 2,
      status: 'draft',
      criteria: { areaIds: [rydeNorthEast.id] },
    })
    await Alert.create({
      organisationId: organisation.id,
      title: 'Sent last year',
      body: 'Body',
      priority: 2,
      status: 'sent',
      criteria: { areaIds: [rydeNorthEast.id] },
    })

    // The 2025 review: Parkhurst and Ryde North East are gone, Carisbrooke shrinks away from the castle.
    const features = (await wightFeatures()).filter(
      (ward) => !['Parkhurst', 'Ryde North East'].includes(ward.properties.WD13NM)
    )
    features.find((ward) => ward.properties.WD13NM === 'Carisbrooke')!.geometry = rectangle(
      -1.33,
      50.69,
      -1.32,
      50.7
    )

    const kept = await importFeatures(features)
    assert.deepEqual(kept.changed, [{ code: 'E05008482', name: 'Carisbrooke' }])
    assert.deepEqual(
      kept.missing.map((area) => area.name),
      ['Parkhurst', 'Ryde North East']
    )
    assert.isFalse(kept.removedMissing)
    assert.equal(kept.residents.moved, 1)
    assert.deepEqual(await areasOf(castle), ['Isle of Wight'])
    assert.deepEqual(await areasOf(forest), ['Parkhurst', 'Isle of Wight'])

    const removed = await importFeatures(features, { removeMissing: true })
    assert.isTrue(removed.removedMissing)
    assert.deepInclude(removed.residents, { moved: 2, outside: 1 })
    assert.deepEqual(await areasOf(forest), ['Isle of Wight'])
    assert.deepEqual(await areasOf(ryde), [])
    assert.deepEqual(
      removed.references.map(({ kind, name, areaCodes }) => ({ kind, name, areaCodes })),
      [
        { kind: 'segment', name: 'Parkhurst residents', areaCodes: ['E05008502'] },
        { kind: 'scheme', name: 'Parkhurst Forest Watch', areaCodes: ['E05008502'] },
        { kind: 'alert', name: draft.title, areaCodes: ['E05008504'] },
      ]
    )
    assert.isNull(await Area.findBy('code', 'E05008502'))
    assert.equal(await countRows('areas'), 39)
  })

  test('removing a district removes its wards, and its residents are then outside every area', async ({
    assert,
  }) => {
    await importAreaFixture(AREA_FILES.districts)
    const lookup = readWardLookup(await areaFixture(AREA_FILES.rutlandLookup), 'lookup.csv')
    await importAreaFixture(AREA_FILES.rutlandWards, { lookup })
    const oakham = await residentAt(PLACES.oakhamCastle, await wardNamed('Oakham North East'))
    const features = JSON.parse((await areaFixture(AREA_FILES.districts)).toString()).features
    const wightOnly = await prepareBoundaries(geoJsonBytes([features[0]]), 'districts.geojson')

    const dryRun = await importBoundaries(wightOnly, { removeMissing: true, dryRun: true })
    assert.lengthOf(dryRun.missing, 17)
    assert.deepInclude(dryRun.residents, { moved: 1, outside: 1 })
    assert.equal(await countRows('areas'), 18)
    assert.deepEqual(await areasOf(oakham), ['Oakham North East', 'Rutland'])

    await importBoundaries(wightOnly, { removeMissing: true })
    assert.equal(await countRows('areas'), 1)
    assert.deepEqual(await areasOf(oakham), [])
  })
})
