import Area from '#models/areas/area'

const DRAWING_ORDER: Record<string, number> = { district: 0, ward: 1 }

/**
 * Every area's boundary as one GeoJSON FeatureCollection, for the sign-up
 * map. Larger areas come first, so that smaller ones are drawn on top.
 */
export default class AreaOutlines {
  static async featureCollection() {
    const areas = await Area.query()
      .whereNotNull('geometry')
      .select('id', 'code', 'name', 'level', 'parent_id', 'geometry')
      .orderBy('name')
    const names = new Map(areas.map((area) => [area.id, area.name]))
    areas.sort((a, b) => (DRAWING_ORDER[a.level] ?? 99) - (DRAWING_ORDER[b.level] ?? 99))
    return {
      type: 'FeatureCollection',
      features: areas.map((area) => ({
        type: 'Feature',
        properties: {
          code: area.code,
          name: area.name,
          level: area.level,
          parent: area.parentId ? (names.get(area.parentId) ?? null) : null,
        },
        geometry: JSON.parse(area.geometry!),
      })),
    }
  }
}
