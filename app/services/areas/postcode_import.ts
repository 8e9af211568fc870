import { createReadStream } from 'node:fs'
import { parse } from 'csv-parse'
import db from '@adonisjs/lucid/services/db'
import PostcodeLookup from '#services/areas/postcode_lookup'

export interface PostcodeImportReport {
  read: number
  imported: number
  terminated: number
  withoutCoordinates: number
  malformed: number
}

interface PostcodeRow {
  postcode: string
  lat: number
  lng: number
}

const REQUIRED_COLUMNS = ['pcds', 'lat', 'long', 'doterm']

export class PostcodeFileError extends Error {}

function coordinates(record: Record<string, string>) {
  if (!record.lat || !record.long) return null
  const lat = Number(record.lat)
  const lng = Number(record.long)
  // The directory marks a postcode without a grid reference with lat 99.999999.
  if (!Number.isFinite(lat) || !Number.isFinite(lng) || Math.abs(lat) > 90 || Math.abs(lng) > 180) {
    return null
  }
  return { lat, lng }
}

/**
 * Loads postcodes from a file in the ONS Postcode Directory's CSV layout
 * (pcds, lat, long, doterm among its columns). The directory has 2.7 million
 * rows, so it is streamed and written in batches; importing again updates
 * postcodes in place.
 */
export default class PostcodeImport {
  static async fromFile(path: string, batchSize = 1000): Promise<PostcodeImportReport> {
    const report: PostcodeImportReport = {
      read: 0,
      imported: 0,
      terminated: 0,
      withoutCoordinates: 0,
      malformed: 0,
    }
    const parser = createReadStream(path).pipe(
      parse({
        bom: true,
        trim: true,
        skip_empty_lines: true,
        columns: (header: string[]) => {
          const columns = header.map((name) => name.toLowerCase())
          const missing = REQUIRED_COLUMNS.filter((name) => !columns.includes(name))
          if (missing.length) {
            throw new PostcodeFileError(
              `${path} is not in the ONS Postcode Directory layout: it has no ${missing.join(', ')} column`
            )
          }
          return columns
        },
      })
    )

    // Keyed by postcode: PostgreSQL refuses an upsert that touches one row twice.
    let batch = new Map<string, PostcodeRow>()
    const flush = async () => {
      if (batch.size === 0) return
      await db
        .table('postcodes')
        .multiInsert([...batch.values()])
        .onConflict('postcode')
        .merge(['lat', 'lng'])
      report.imported += batch.size
      batch = new Map()
    }

    for await (const record of parser as AsyncIterable<Record<string, string>>) {
      report.read++
      if (record.doterm) {
        report.terminated++
        continue
      }
      const postcode = PostcodeLookup.normalise(record.pcds ?? '')
      if (!postcode) {
        report.malformed++
        continue
      }
      const point = coordinates(record)
      if (!point) {
        report.withoutCoordinates++
        continue
      }
      batch.set(postcode, { postcode, ...point })
      if (batch.size >= batchSize) await flush()
    }
    await flush()
    return report
  }
}
