import db from '@adonisjs/lucid/services/db'
import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import channelRegistry from '#services/platform/channel_registry'

/** [longitude, latitude], as GeoJSON writes positions. */
export type Position = [number, number]

/** A shape drawn on the map: a polygon's corners (not closed) or a circle. */
export type DrawnShape =
  | { type: 'polygon'; coordinates: Position[] }
  | { type: 'circle'; center: Position; radiusMetres: number }

export interface DemographicCriteria {
  ageBands?: string[]
  sexes?: string[]
  ethnicities?: string[]
  disabilities?: string[]
}

/**
 * What an alert targets. Kinds of criteria are ANDed; choices within one
 * kind are ORed. The areas and the drawn shape are one kind ("where"): a
 * resident in any chosen area or inside the shape. Kinds left out do not
 * narrow the audience. Messages stored before the other kinds existed
 * hold only `areaIds`.
 */
export interface AudienceCriteria {
  areaIds: number[]
  shape?: DrawnShape | null
  interestIds?: number[]
  schemeIds?: number[]
  /** Residents reachable by at least one of these channels. */
  channels?: string[]
  languages?: string[]
  /** Each field is a kind of its own: 65 or over AND disabled, not OR. */
  demographics?: DemographicCriteria
  sources?: string[]
}

export interface AudienceScope {
  organisationId: number
  priority: number
  criteria: AudienceCriteria
}

export interface AudienceCounts {
  total: number
  byChannel: Record<string, number>
}

interface RawCondition {
  sql: string
  bindings: (string | number | boolean)[]
}

const EARTH_RADIUS_METRES = 6_371_008.8
const RADIANS = Math.PI / 180

/** How a channel's contact is stored; a plugin's channel whose contact is unknown here counts residents who have not switched it off. */
export const CONTACT_SQL: Record<string, string> = {
  email: 'subscribers.email IS NOT NULL AND subscribers.email_bounced_at IS NULL',
  sms: 'subscribers.phone IS NOT NULL',
  voice: '(subscribers.landline IS NOT NULL OR subscribers.phone IS NOT NULL)',
}

/** Whether a resident can be reached by a channel: a working contact, and the channel not switched off. */
function reachableBy(channel: string): RawCondition {
  const switchedOff =
    'NOT EXISTS (SELECT 1 FROM channel_preferences WHERE channel_preferences.subscriber_id = subscribers.id AND channel_preferences.channel = ? AND channel_preferences.enabled = ?)'
  const contact = CONTACT_SQL[channel]
  return {
    sql: contact ? `(${contact} AND ${switchedOff})` : `(${switchedOff})`,
    bindings: [channel, false],
  }
}

/**
 * A circle as an equirectangular distance test: exact enough at the 50 km
 * the validator allows, and plain arithmetic that SQLite and PostgreSQL
 * both run without a spatial extension. The bounding box lets the database
 * discard most residents before the arithmetic.
 */
function insideCircle(center: Position, radiusMetres: number): RawCondition {
  const [lng0, lat0] = center
  const metresPerDegreeLat = EARTH_RADIUS_METRES * RADIANS
  const metresPerDegreeLng = metresPerDegreeLat * Math.cos(lat0 * RADIANS)
  const dLat = radiusMetres / metresPerDegreeLat
  const dLng = radiusMetres / Math.max(metresPerDegreeLng, 1)
  return {
    sql:
      '(subscribers.lat BETWEEN ? AND ? AND subscribers.lng BETWEEN ? AND ? AND ' +
      '((subscribers.lng - ?) * ?) * ((subscribers.lng - ?) * ?) + ' +
      '((subscribers.lat - ?) * ?) * ((subscribers.lat - ?) * ?) <= ?)',
    bindings: [
      lat0 - dLat,
      lat0 + dLat,
      lng0 - dLng,
      lng0 + dLng,
      lng0,
      metresPerDegreeLng,
      lng0,
      metresPerDegreeLng,
      lat0,
      metresPerDegreeLat,
      lat0,
      metresPerDegreeLat,
      radiusMetres * radiusMetres,
    ],
  }
}

/**
 * A polygon by ray casting: one CASE per edge that a ray going east from
 * the resident's point crosses; an odd number of crossings is inside. The
 * edges' slopes are worked out here, so the database only compares.
 */
function insidePolygon(corners: Position[]): RawCondition {
  const ring = closedRingRemoved(corners)
  const lngs = ring.map(([lng]) => lng)
  const lats = ring.map(([, lat]) => lat)
  const crossings: string[] = []
  const bindings: number[] = [
    Math.min(...lats),
    Math.max(...lats),
    Math.min(...lngs),
    Math.max(...lngs),
  ]
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]
    const [xj, yj] = ring[j]
    // A horizontal edge is never crossed by a horizontal ray.
    if (yi === yj) continue
    crossings.push(
      'CASE WHEN subscribers.lat >= ? AND subscribers.lat < ? AND subscribers.lng < (subscribers.lat - ?) * ? + ? THEN 1 ELSE 0 END'
    )
    bindings.push(Math.min(yi, yj), Math.max(yi, yj), yi, (xj - xi) / (yj - yi), xi)
  }
  if (crossings.length === 0) return { sql: '1 = 0', bindings: [] }
  return {
    sql:
      '(subscribers.lat BETWEEN ? AND ? AND subscribers.lng BETWEEN ? AND ? AND ' +
      `(${crossings.join(' + ')}) % 2 = 1)`,
    bindings,
  }
}

/** The corners without the first one repeated at the end. */
export function closedRingRemoved(corners: Position[]): Position[] {
  const first = corners[0]
  const last = corners[corners.length - 1]
  return corners.length > 1 && first[0] === last[0] && first[1] === last[1]
    ? corners.slice(0, -1)
    : corners
}

function insideShape(shape: DrawnShape): RawCondition {
  return shape.type === 'circle'
    ? insideCircle(shape.center, shape.radiusMetres)
    : insidePolygon(shape.coordinates)
}

export const DEMOGRAPHIC_COLUMNS: Record<keyof DemographicCriteria, string> = {
  ageBands: 'age_band',
  sexes: 'sex',
  ethnicities: 'ethnicity',
  disabilities: 'disability',
}

/**
 * Compiles criteria into one SQL query over subscribers: confirmed, not
 * stopped, consenting to the sending organisation, accepting this priority,
 * and matching every kind of criterion. Every kind is an EXISTS over a join
 * table's index or a test on the subscriber's own row. Nothing is loaded
 * into memory: the caller counts it or walks it in pages.
 */
export default class AudienceQuery {
  static build({
    organisationId,
    priority,
    criteria,
  }: AudienceScope): DatabaseQueryBuilderContract {
    const query = db
      .from('subscribers')
      .where('subscribers.status', 'active')
      .where('subscribers.priority_threshold', '<=', priority)
      .whereExists((consent) => {
        consent
          .from('consents')
          .whereRaw('consents.subscriber_id = subscribers.id')
          .where('consents.organisation_id', organisationId)
          .whereNull('consents.withdrawn_at')
      })

    const areaIds = criteria.areaIds ?? []
    const shape = criteria.shape ?? null
    // Where: in a chosen area OR inside the drawn shape. Residents without a point are found by their areas only.
    query.where((where) => {
      if (areaIds.length === 0 && !shape) where.whereRaw('1 = 0')
      if (areaIds.length) {
        where.orWhereExists((area) => {
          area
            .from('subscriber_areas')
            .whereRaw('subscriber_areas.subscriber_id = subscribers.id')
            .whereIn('subscriber_areas.area_id', areaIds)
        })
      }
      if (shape) {
        const { sql, bindings } = insideShape(shape)
        where.orWhereRaw(sql, bindings)
      }
    })

    if (criteria.interestIds?.length) {
      query.whereExists((interest) => {
        interest
          .from('subscriber_interests')
          .whereRaw('subscriber_interests.subscriber_id = subscribers.id')
          .whereIn('subscriber_interests.interest_id', criteria.interestIds!)
      })
    }

    if (criteria.schemeIds?.length) {
      query.whereExists((scheme) => {
        scheme
          .from('scheme_members')
          .whereRaw('scheme_members.subscriber_id = subscribers.id')
          .whereIn('scheme_members.scheme_id', criteria.schemeIds!)
      })
    }

    if (criteria.channels?.length) {
      query.where((reachable) => {
        for (const channel of criteria.channels!) {
          const { sql, bindings } = reachableBy(channel)
          reachable.orWhereRaw(sql, bindings)
        }
      })
    }

    if (criteria.languages?.length) {
      query.whereIn('subscribers.language', criteria.languages)
    }

    if (criteria.sources?.length) {
      query.whereIn('subscribers.source', criteria.sources)
    }

    const demographics = Object.entries(criteria.demographics ?? {}).filter(
      ([field, values]) => field in DEMOGRAPHIC_COLUMNS && Array.isArray(values) && values.length
    ) as [keyof DemographicCriteria, string[]][]
    if (demographics.length) {
      query.whereExists((about) => {
        about.from('demographics').whereRaw('demographics.subscriber_id = subscribers.id')
        for (const [field, values] of demographics) {
          about.whereIn(`demographics.${DEMOGRAPHIC_COLUMNS[field]}`, values)
        }
      })
    }
    return query
  }

  static async count(scope: AudienceScope): Promise<number> {
    const row = await this.build(scope).count('* as total').first()
    return Number(row?.total ?? 0)
  }

  /**
   * The audience and, in the same query, how many of it each channel can
   * reach. A resident reachable by two channels counts once in the total
   * and once under each channel.
   */
  static async countByChannel(
    scope: AudienceScope,
    channels: string[] = channelRegistry.available().map((channel) => channel.id)
  ): Promise<AudienceCounts> {
    const query = this.build(scope).select(db.raw('COUNT(*) AS total'))
    channels.forEach((channel, index) => {
      const { sql, bindings } = reachableBy(channel)
      // Channel ids come from plugins: they go in as bindings, never as column aliases.
      query.select(db.raw(`SUM(CASE WHEN ${sql} THEN 1 ELSE 0 END) AS channel_${index}`, bindings))
    })
    const row = await query.first()
    return {
      total: Number(row?.total ?? 0),
      byChannel: Object.fromEntries(
        channels.map((channel, index) => [channel, Number(row?.[`channel_${index}`] ?? 0)])
      ),
    }
  }
}
