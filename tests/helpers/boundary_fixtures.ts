import { readFile } from 'node:fs/promises'
import { crc32 } from 'node:zlib'
import app from '@adonisjs/core/services/app'
import {
  prepareBoundaries,
  type PreparationOptions,
} from '#services/areas/boundaries/prepared_boundaries'
import { importBoundaries, type ImportChoices } from '#services/areas/boundaries/boundary_import'
import { readWardLookup } from '#services/areas/boundaries/ward_districts'

/** Ward boundaries of the Isle of Wight and Rutland (tests/fixtures/areas, with its licence). */
export const AREA_FILES = {
  wightWards: 'wards-E06000046-isle-of-wight.geojson',
  rutlandWards: 'wards-E06000017-rutland.topojson',
  wightGridWards: 'wards-isle-of-wight-bng.zip',
  districts: 'districts-isle-of-wight-rutland.geojson',
  rutlandLookup: 'ward-to-district-rutland.csv',
}

export function areaFixturePath(name: string) {
  return app.makePath('tests', 'fixtures', 'areas', name)
}

export function areaFixture(name: string) {
  return readFile(areaFixturePath(name))
}

/** Known places, [lng, lat], and the ward each lies in. */
export const PLACES = {
  carisbrookeCastle: { lat: 50.6873, lng: -1.3136, ward: 'Carisbrooke' },
  parkhurstForest: { lat: 50.717, lng: -1.333, ward: 'Parkhurst' },
  rydeTown: { lat: 50.73, lng: -1.16, ward: 'Ryde North East' },
  oakhamCastle: { lat: 52.6703, lng: -0.7273, ward: 'Oakham North East' },
  uppingham: { lat: 52.587, lng: -0.723, ward: 'Uppingham' },
}

/** Reads a fixture and imports it as the command would. */
export async function importAreaFixture(
  name: string,
  choices: ImportChoices = {},
  options: PreparationOptions = {}
) {
  const prepared = await prepareBoundaries(await areaFixture(name), name, options)
  return importBoundaries(prepared, choices)
}

/** The districts, then every ward of both areas (the Rutland wards by the lookup file). */
export async function importBothAreas() {
  await importAreaFixture(AREA_FILES.districts)
  await importAreaFixture(AREA_FILES.wightWards)
  const lookup = readWardLookup(await areaFixture(AREA_FILES.rutlandLookup), 'lookup.csv')
  await importAreaFixture(AREA_FILES.rutlandWards, { lookup })
}

/** A GeoJSON file's bytes, from its features. */
export function geoJsonBytes(features: unknown[], extra: Record<string, unknown> = {}) {
  return Buffer.from(JSON.stringify({ type: 'FeatureCollection', ...extra, features }))
}

/** A zip file holding these files uncompressed (enough to test what Beacon makes of a zip). */
export function storedZip(files: Record<string, string | Buffer>) {
  const parts: Buffer[] = []
  const central: Buffer[] = []
  let offset = 0
  for (const [name, content] of Object.entries(files)) {
    const data = Buffer.isBuffer(content) ? content : Buffer.from(content)
    const fileName = Buffer.from(name)
    const header = Buffer.alloc(30)
    header.writeUInt32LE(0x04034b50, 0)
    header.writeUInt16LE(20, 4)
    header.writeUInt32LE(crc32(data), 14)
    header.writeUInt32LE(data.length, 18)
    header.writeUInt32LE(data.length, 22)
    header.writeUInt16LE(fileName.length, 26)
    const entry = Buffer.alloc(46)
    entry.writeUInt32LE(0x02014b50, 0)
    entry.writeUInt16LE(20, 4)
    entry.writeUInt16LE(20, 6)
    entry.writeUInt32LE(crc32(data), 16)
    entry.writeUInt32LE(data.length, 20)
    entry.writeUInt32LE(data.length, 24)
    entry.writeUInt16LE(fileName.length, 28)
    entry.writeUInt32LE(offset, 42)
    parts.push(header, fileName, data)
    central.push(entry, fileName)
    offset += header.length + fileName.length + data.length
  }
  const directory = Buffer.concat(central)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(Object.keys(files).length, 8)
  end.writeUInt16LE(Object.keys(files).length, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...parts, directory, end])
}
