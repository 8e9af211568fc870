import { test } from '@japa/runner'
import booleanPointInPolygon from '@turf/boolean-point-in-polygon'
import proj4 from 'proj4'
import { BoundaryFileError } from '#services/areas/boundaries/boundary_file'
import { detectBoundaryProperties } from '#services/areas/boundaries/boundary_properties'
import {
  BoundaryProblemsError,
  prepareBoundaries,
  type PreparedBoundaries,
} from '#services/areas/boundaries/prepared_boundaries'
import {
  AREA_FILES,
  areaFixture,
  geoJsonBytes,
  PLACES,
  storedZip,
} from '#tests/helpers/boundary_fixtures'
import { rectangle } from '#tests/helpers/sign_up_fixtures'

const GRID =
  '+proj=tmerc +lat_0=49 +lon_0=-2 +k=0.9996012717 +x_0=400000 +y_0=-100000 +ellps=airy +towgs84=446.448,-125.157,542.06,0.15,0.247,0.842,-20.489 +units=m +no_defs'

async function prepared(name: string) {
  return prepareBoundaries(await areaFixture(name), name)
}

function wardAt(boundaries: PreparedBoundaries, place: { lat: number; lng: number }) {
  return boundaries.areas.find((area) =>
    booleanPointInPolygon([place.lng, place.lat], area.geometry)
  )?.name
}

function ward(code: string, name: string, geometry: unknown = rectangle(-1.3, 50.6, -1.2, 50.7)) {
  return { type: 'Feature', properties: { WD24CD: code, WD24NM: name }, geometry }
}

async function problemsOf(bytes: Buffer, filename = 'wards.geojson') {
  try {
    await prepareBoundaries(bytes, filename)
  } catch (error) {
    if (error instanceof BoundaryProblemsError) return error.problems
    if (error instanceof BoundaryFileError) return [error.message]
    throw error
  }
  throw new Error('The file was accepted')
}

test.group('Boundary files: formats and projections', () => {
  test('reads the Isle of Wight wards from GeoJSON, with the ONS 2013 property names', async ({
    assert,
  }) => {
    const wight = await prepared(AREA_FILES.wightWards)
    assert.equal(wight.format, 'GeoJSON')
    assert.equal(wight.projection, 'longitude and latitude (WGS84)')
    assert.deepInclude(wight.properties, {
      codeProperty: 'WD13CD',
      nameProperty: 'WD13NM',
      level: 'ward',
    })
    assert.lengthOf(wight.areas, 39)
    assert.deepInclude(wight.areas[0], {
      index: 1,
      code: 'E05008479',
      name: 'Arreton and Newchurch',
    })
    assert.equal(wardAt(wight, PLACES.carisbrookeCastle), 'Carisbrooke')
    assert.equal(wardAt(wight, PLACES.rydeTown), 'Ryde North East')
  })

  test('reads the Rutland wards from TopoJSON', async ({ assert }) => {
    const rutland = await prepared(AREA_FILES.rutlandWards)
    assert.equal(rutland.format, 'TopoJSON')
    assert.lengthOf(rutland.areas, 16)
    assert.equal(rutland.properties.codeProperty, 'WD13CD')
    assert.equal(wardAt(rutland, PLACES.oakhamCastle), 'Oakham North East')
    assert.equal(wardAt(rutland, PLACES.uppingham), 'Uppingham')
  })

  test('reads a zipped shapefile in British National Grid and reprojects it to WGS84', async ({
    assert,
  }) => {
    const grid = await prepared(AREA_FILES.wightGridWards)
    assert.equal(grid.format, 'zipped shapefile')
    assert.equal(grid.projection, 'British National Grid (EPSG:27700)')
    assert.deepEqual(
      grid.areas.map((area) => area.name),
      ['Carisbrooke', 'Newport Central', 'Newport East', 'Parkhurst']
    )
    assert.equal(wardAt(grid, PLACES.carisbrookeCastle), 'Carisbrooke')
    assert.equal(wardAt(grid, PLACES.parkhurstForest), 'Parkhurst')
    // The same corner as in the WGS84 file, to within a metre.
    const original = await prepared(AREA_FILES.wightWards)
    const [lng, lat] = (grid.areas[0].geometry.coordinates[0] as number[][])[0]
    const [expectedLng, expectedLat] = (
      original.areas.find((area) => area.code === 'E05008482')!.geometry
        .coordinates[0] as number[][]
    )[0]
    assert.closeTo(lng, expectedLng, 0.00001)
    assert.closeTo(lat, expectedLat, 0.00001)
  })

  test('tells British National Grid from a GeoJSON crs member or from the coordinates alone', async ({
    assert,
  }) => {
    // Carisbrooke Castle's surroundings, as eastings and northings.
    const [west, south] = proj4('WGS84', GRID, [-1.32, 50.68])
    const [east, north] = proj4('WGS84', GRID, [-1.3, 50.69])
    const features = [ward('E05000001', 'Castle', rectangle(west, south, east, north))]
    const declared = await prepareBoundaries(
      geoJsonBytes(features, {
        crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::27700' } },
      }),
      'declared.geojson'
    )
    const guessed = await prepareBoundaries(geoJsonBytes(features), 'guessed.geojson')
    for (const boundaries of [declared, guessed]) {
      assert.equal(boundaries.projection, 'British National Grid (EPSG:27700)')
      assert.equal(wardAt(boundaries, PLACES.carisbrookeCastle), 'Castle')
    }
  })

  test('simplifying keeps a valid boundary with fewer points', async ({ assert }) => {
    const name = AREA_FILES.wightWards
    const full = await prepareBoundaries(await areaFixture(name), name)
    const simple = await prepareBoundaries(await areaFixture(name), name, { simplifyMetres: 20 })
    const points = (boundaries: PreparedBoundaries) =>
      JSON.stringify(boundaries.areas).split('],[').length
    assert.isBelow(points(simple), points(full))
    assert.equal(wardAt(simple, PLACES.carisbrookeCastle), 'Carisbrooke')
  })
})

test.group('Boundary files: property names', () => {
  test('recognises ONS code and name properties for any year and level', ({ assert }) => {
    assert.deepEqual(detectBoundaryProperties(['FID', 'LAD24CD', 'LAD24NM', 'LAD24NMW', 'BNG_E']), {
      codeProperty: 'LAD24CD',
      nameProperty: 'LAD24NM',
      level: 'district',
      parentCodeProperty: null,
    })
    assert.deepEqual(
      detectBoundaryProperties(['WD23CD', 'WD23NM', 'WD23NMW', 'LAD23CD', 'LAD23NM']),
      {
        codeProperty: 'WD23CD',
        nameProperty: 'WD23NM',
        level: 'ward',
        parentCodeProperty: 'LAD23CD',
      }
    )
    assert.deepInclude(detectBoundaryProperties(['CTYUA22CD', 'CTYUA22NM']), {
      codeProperty: 'CTYUA22CD',
      level: 'district',
    })
    // The file's districts when districts are asked for.
    assert.deepInclude(
      detectBoundaryProperties(['WD23CD', 'WD23NM', 'LAD23CD', 'LAD23NM'], 'district'),
      {
        codeProperty: 'LAD23CD',
        nameProperty: 'LAD23NM',
      }
    )
    assert.deepEqual(detectBoundaryProperties(['id', 'label']), { level: undefined })
  })

  test('chosen properties and level win over the detected ones', async ({ assert }) => {
    const bytes = geoJsonBytes([
      {
        type: 'Feature',
        properties: { ref: 'X1', title: 'Anywhere' },
        geometry: rectangle(-1.3, 50.6, -1.2, 50.7),
      },
    ])
    const boundaries = await prepareBoundaries(bytes, 'own.geojson', {
      codeProperty: 'ref',
      nameProperty: 'title',
      level: 'district',
    })
    assert.deepEqual(
      boundaries.areas.map(({ code, name }) => ({ code, name })),
      [{ code: 'X1', name: 'Anywhere' }]
    )
  })
})

test.group('Boundary files: what cannot be imported', () => {
  test('names each feature whose geometry is invalid, empty or outside the UK', async ({
    assert,
  }) => {
    const unclosed = {
      type: 'Polygon',
      coordinates: [
        [
          [-1.3, 50.6],
          [-1.2, 50.6],
          [-1.2, 50.7],
          [-1.3, 50.7],
        ],
      ],
    }
    const bowTie = {
      type: 'Polygon',
      coordinates: [
        [
          [-1.3, 50.6],
          [-1.2, 50.7],
          [-1.2, 50.6],
          [-1.3, 50.7],
          [-1.3, 50.6],
        ],
      ],
    }
    const problems = await problemsOf(
      geoJsonBytes([
        ward('E05000001', 'Fine'),
        ward('E05000002', 'Open Ring', unclosed),
        ward('E05000003', 'Bow Tie', bowTie),
        ward('E05000004', 'Nothing', null),
        ward('E05000005', 'Paris', rectangle(2.3, 48.8, 2.4, 48.9)),
        ward('E05000006', 'A Point', { type: 'Point', coordinates: [-1.3, 50.6] }),
        ward('E05000007', 'No Coordinates', { type: 'MultiPolygon', coordinates: [] }),
      ])
    )
    assert.deepEqual(problems, [
      'Feature 2 (E05000002 Open Ring) cannot be imported: its boundary is not closed (a ring does not end where it starts).',
      'Feature 3 (E05000003 Bow Tie) cannot be imported: its boundary crosses itself (near longitude -1.25000, latitude 50.65000).',
      'Feature 4 (E05000004 Nothing) cannot be imported: it has no geometry (an empty boundary).',
      'Feature 5 (E05000005 Paris) cannot be imported: it lies outside the UK (longitude 2.30 to 2.40, latitude 48.80 to 48.90).',
      'Feature 6 (E05000006 A Point) cannot be imported: its geometry is a Point, not an area (a Polygon or MultiPolygon).',
      'Feature 7 (E05000007 No Coordinates) cannot be imported: its boundary is empty (no coordinates).',
    ])
  })

  test('names features without a code or a name, and codes that repeat', async ({ assert }) => {
    const problems = await problemsOf(
      geoJsonBytes([
        ward('E05000001', 'First'),
        ward('', 'Nameless Code'),
        ward('E05000003', ''),
        ward('E05000001', 'Again'),
      ])
    )
    assert.deepEqual(problems, [
      'Feature 2 (Nameless Code) has no code (its WD24CD is empty).',
      'Feature 3 (E05000003) has no name (its WD24NM is empty).',
      'Feature 4 (E05000001 Again) has the same code as feature 1.',
    ])
  })

  test('says what is wrong with a file that is not boundaries', async ({ assert }) => {
    const cases: [Buffer, string, string][] = [
      [Buffer.from(''), 'empty.geojson', 'empty.geojson is empty.'],
      [
        Buffer.from('WD24CD,WD24NM\n'),
        'wards.geojson',
        'wards.geojson is neither a zipped shapefile nor JSON. Give a GeoJSON, TopoJSON or zipped shapefile file.',
      ],
      [
        Buffer.from('{"name":"beacon"}'),
        'package.json',
        'package.json is JSON but not GeoJSON or TopoJSON: it has no FeatureCollection or Topology in it.',
      ],
      [geoJsonBytes([]), 'none.geojson', 'none.geojson has no areas in it (no features).'],
      [
        storedZip({ 'readme.txt': 'not a shapefile' }),
        'wards.zip',
        'wards.zip is a zip file but has no shapefile in it (no .shp file). Download the boundaries as “Shapefile” from the ONS Open Geography Portal.',
      ],
      [
        Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(40, 7)]),
        'broken.zip',
        'broken.zip is not a zip file that can be opened.',
      ],
      [
        storedZip({ 'wards.shp': Buffer.alloc(120, 1), 'wards.dbf': Buffer.alloc(40, 1) }),
        'garbled.zip',
        'garbled.zip has a .shp file that cannot be read as a shapefile.',
      ],
      [
        storedZip({ 'wards.shp': Buffer.alloc(120, 1) }),
        'nodbf.zip',
        "nodbf.zip has a .shp file but no .dbf file, so the areas' codes and names are missing.",
      ],
      [
        geoJsonBytes([ward('E05000001', 'Far')], {
          crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::2157' } },
        }),
        'irish.geojson',
        'irish.geojson is in a projection Beacon does not know (urn:ogc:def:crs:EPSG::2157). Download it from the ONS Open Geography Portal in WGS84 or British National Grid.',
      ],
      [
        geoJsonBytes([ward('E05000001', 'Far', rectangle(5e6, 5e6, 5.1e6, 5.1e6))]),
        'far.geojson',
        'Cannot tell the projection of far.geojson: its coordinates are neither longitude and latitude nor British National Grid eastings and northings.',
      ],
    ]
    for (const [bytes, filename, message] of cases) {
      assert.deepEqual(await problemsOf(bytes, filename), [message], filename)
    }
  })

  test('says which property is missing, and lists the ones the file has', async ({ assert }) => {
    const unknown = geoJsonBytes([
      {
        type: 'Feature',
        properties: { id: 1, label: 'x' },
        geometry: rectangle(-1.3, 50.6, -1.2, 50.7),
      },
    ])
    assert.deepEqual(await problemsOf(unknown, 'odd.geojson'), [
      "Cannot tell which property of odd.geojson holds each area's code. Its properties are: id, label. Name the code property.",
    ])
    const wards = geoJsonBytes([ward('E05000001', 'Fine')])
    await assert.rejects(
      () => prepareBoundaries(wards, 'wards.geojson', { codeProperty: 'WD99CD' }),
      'wards.geojson has no property called WD99CD. Its properties are: WD24CD, WD24NM.'
    )
  })
})
