import { readFile } from 'node:fs/promises'
import db from '@adonisjs/lucid/services/db'
import Area from '#models/areas/area'
import { boundingBox } from '#services/areas/boundaries/boundary_geometry'
import AreaDirectory from '#services/areas/area_directory'

interface AreaFeature {
  type: 'Feature'
  properties: { code: string; name: string; level: string; parent_code?: string | null }
  geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: any }
}

/**
 * Imports areas from GeoJSON FeatureCollections (code, name, level,
 * parent_code in the properties). Parents must come in an earlier file or
 * earlier in the same file. Importing again updates areas by their code.
 */
export default class AreaImport {
  static async fromFiles(paths: string[]) {
    let imported = 0
    for (const path of paths) {
      const collection = JSON.parse(await readFile(path, 'utf8'))
      imported += await this.fromFeatures(collection.features as AreaFeature[])
    }
    return imported
  }

  static async fromFeatures(features: AreaFeature[]) {
    const imported = await db.transaction(async (trx) => {
      const parentIds = new Map<string, number>()
      for (const feature of features) {
        const { code, name, level, parent_code: parentCode } = feature.properties
        let parentId: number | null = null
        if (parentCode) {
          if (!parentIds.has(parentCode)) {
            const parent = await Area.findBy('code', parentCode, { client: trx })
            if (parent) parentIds.set(parentCode, parent.id)
          }
          parentId = parentIds.get(parentCode) ?? null
        }
        await Area.updateOrCreate(
          { code },
          {
            name,
            level: level as Area['level'],
            parentId,
            geometry: JSON.stringify(feature.geometry),
            ...boundingBox(feature.geometry),
          },
          { client: trx }
        )
      }
      return features.length
    })
    await AreaDirectory.changed()
    return imported
  }
}
