import { test } from '@japa/runner'
import Area from '#models/areas/area'
import AreaImport from '#services/areas/area_import'
import AreaPlacement from '#services/areas/area_placement'
import { loadLincolnshire, POINTS, seedMappedAreas } from '#tests/helpers/sign_up_fixtures'
import { emptyTablesAfterwards } from '#tests/helpers/database'

const names = (areas: Area[]) => areas.map((area) => area.name)

test.group('Area placement', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('a point is placed in its ward and its district, most specific first', async ({
    assert,
  }) => {
    await seedMappedAreas()
    const [lat, lng] = POINTS.central
    assert.deepEqual(names(await AreaPlacement.containing(lat, lng)), ['Central', 'Boston'])
  })

  test('a point in a district that no ward covers is placed in the district alone', async ({
    assert,
  }) => {
    await seedMappedAreas()
    const [lat, lng] = POINTS.bostonWithoutWard
    assert.deepEqual(names(await AreaPlacement.containing(lat, lng)), ['Boston'])
  })

  test('a point outside every area is placed nowhere and refused', async ({ assert }) => {
    await seedMappedAreas()
    const [lat, lng] = POINTS.shetland
    assert.lengthOf(await AreaPlacement.containing(lat, lng), 0)
    assert.deepEqual(await AreaPlacement.place({ how: 'map', lat, lng }), {
      placed: false,
      refusal: 'outside_areas',
    })
  })

  test('a point inside the bounding box but outside the boundary is not placed there', async ({
    assert,
  }) => {
    // A triangle whose box contains (53.08, 0.08) while the triangle does not.
    await AreaImport.fromFeatures([
      {
        type: 'Feature',
        properties: { code: 'T-TRI', name: 'Triangle', level: 'district' },
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [0, 53],
              [0.1, 53],
              [0, 53.1],
              [0, 53],
            ],
          ],
        },
      },
    ])
    const triangle = await Area.findByOrFail('code', 'T-TRI')
    assert.isAtMost(triangle.minLng!, 0.08)
    assert.isAtLeast(triangle.maxLat!, 53.08)
    assert.lengthOf(await AreaPlacement.containing(53.08, 0.08), 0)
    assert.deepEqual(names(await AreaPlacement.containing(53.02, 0.02)), ['Triangle'])
  })

  test('every area containing the point counts, at every level, and overlapping ones too', async ({
    assert,
  }) => {
    await seedMappedAreas()
    // A second district-level area (a police beat, say) overlapping Boston.
    await AreaImport.fromFeatures([
      {
        type: 'Feature',
        properties: { code: 'T-OVL', name: 'Fenland Beat', level: 'district' },
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [0.04, 52.9],
              [0.3, 52.9],
              [0.3, 53],
              [0.04, 53],
              [0.04, 52.9],
            ],
          ],
        },
      },
    ])
    const [lat, lng] = POINTS.central
    assert.sameMembers(names(await AreaPlacement.containing(lat, lng)), [
      'Central',
      'Boston',
      'Fenland Beat',
    ])
    assert.notInclude(
      names(await AreaPlacement.containing(52.95, 0.02)),
      'Fenland Beat',
      'a point west of the overlapping area'
    )
  })

  test('a hole in a boundary is outside it, and every part of a multi-polygon is inside', async ({
    assert,
  }) => {
    const square = (west: number, south: number, size: number) => [
      [west, south],
      [west + size, south],
      [west + size, south + size],
      [west, south + size],
      [west, south],
    ]
    await AreaImport.fromFeatures([
      {
        type: 'Feature',
        properties: { code: 'T-MULTI', name: 'Islands', level: 'ward' },
        geometry: {
          type: 'MultiPolygon',
          coordinates: [[square(0, 53, 0.1), square(0.02, 53.02, 0.02)], [square(1, 53, 0.1)]],
        },
      },
    ])
    assert.deepEqual(names(await AreaPlacement.containing(53.01, 0.01)), ['Islands'])
    assert.deepEqual(names(await AreaPlacement.containing(53.05, 1.05)), ['Islands'])
    assert.lengthOf(await AreaPlacement.containing(53.03, 0.03), 0, 'the hole')
    assert.lengthOf(await AreaPlacement.containing(53.05, 0.5), 0, 'between the parts')
  })

  test('an area imported without its bounding box is still tested against its boundary', async ({
    assert,
  }) => {
    await Area.create({
      code: 'T-NOBOX',
      name: 'Unboxed',
      level: 'district',
      geometry: JSON.stringify({
        type: 'Polygon',
        coordinates: [
          [
            [0, 52],
            [0.1, 52],
            [0.1, 52.1],
            [0, 52.1],
            [0, 52],
          ],
        ],
      }),
    })
    assert.deepEqual(names(await AreaPlacement.containing(52.05, 0.05)), ['Unboxed'])
  })

  test('a chosen ward is placed with its district; a district is not a ward', async ({
    assert,
  }) => {
    const { central, boston } = await seedMappedAreas()
    const placed = await AreaPlacement.place({ how: 'ward', wardId: central.id })
    assert.isTrue(placed.placed)
    if (placed.placed) assert.deepEqual(names(placed.areas), ['Central', 'Boston'])
    assert.deepEqual(await AreaPlacement.place({ how: 'ward', wardId: boston.id }), {
      placed: false,
      refusal: 'unknown_ward',
    })
  })

  test('the demo postcodes fall in the Lincolnshire ward and district they were made for', async ({
    assert,
  }) => {
    await loadLincolnshire()
    for (const [postcode, expected] of [
      ['PE21 6ZZ', ['Central', 'Boston']],
      ['ln1 3zz', ['Castle', 'Lincoln']],
      ['NG34 7ZZ', ['Sleaford Castle', 'North Kesteven']],
      ['DN21 2ZZ', ['Gainsborough North', 'West Lindsey']],
    ] as const) {
      const placed = await AreaPlacement.byPostcode(postcode)
      assert.isTrue(placed.placed, postcode)
      if (placed.placed) {
        assert.deepEqual(names(placed.areas), [...expected], postcode)
        assert.equal(AreaPlacement.describe(placed.areas), expected.join(', '))
      }
    }
    assert.deepEqual(await AreaPlacement.byPostcode('LN1 1AA'), {
      placed: false,
      refusal: 'unknown_postcode',
    })
  })
})
