import db from '@adonisjs/lucid/services/db'
import type Resident from '#models/residents/resident'
import Scheme, { VIRTUAL_SCHEME_KIND } from '#models/residents/scheme'
import { shapeContains, shapeSpanMetres, type PlaceShape } from '#services/areas/shape_contains'
import { sqlTime } from '#services/platform/infrastructure/sql_time'

/** The circles a resident may choose around their home, in metres. */
export const GROUP_RADII = [250, 500, 1000] as const
/** The widest a drawn group may be: a neighbourhood, not a town. */
export const MAX_GROUP_SPAN_METRES = 3000
/** Groups one resident may have started: enough for home and a second street, too few for spam. */
export const GROUPS_PER_RESIDENT = 3

export type GroupRefusal = 'no_home' | 'too_large' | 'home_outside' | 'too_many'

export const GROUP_REFUSALS: Record<GroupRefusal, string> = {
  no_home:
    'We know only your ward, not where your home is. Give your postcode or a point on the map under “Your details” first',
  too_large: `A group can cover at most ${MAX_GROUP_SPAN_METRES / 1000} kilometres from side to side. Draw a smaller area`,
  home_outside: 'The area you drew does not include your home. Draw it around your home',
  too_many: `You have started ${GROUPS_PER_RESIDENT} groups already, as many as one person may`,
}

/**
 * Virtual watch groups: a resident starts one for the streets around their
 * home (a circle they choose, or a shape they draw), joins it at once, and
 * neighbours whose home lies inside may join it from their own pages
 * (schemesOpenTo). Staff see it among the schemes and message it like any
 * scheme.
 */
export default class VirtualSchemes {
  static async start(resident: Resident, name: string, shape: PlaceShape) {
    const refusal = await this.#refusal(resident, shape)
    if (refusal) return { started: false as const, refusal }
    const scheme = await db.transaction(async (trx) => {
      const created = await Scheme.create(
        {
          name,
          kind: VIRTUAL_SCHEME_KIND,
          areaId: null,
          shape,
          startedByResidentId: resident.id,
        },
        { client: trx }
      )
      await trx
        .table('scheme_members')
        .insert({ scheme_id: created.id, resident_id: resident.id, joined_at: sqlTime() })
      return created
    })
    return { started: true as const, scheme }
  }

  /** A circle of `radius` metres around the resident's home. */
  static circleAround(resident: Resident, radius: number): PlaceShape | null {
    if (resident.lat === null || resident.lng === null) return null
    return { type: 'circle', center: [resident.lng, resident.lat], radiusMetres: radius }
  }

  static async #refusal(resident: Resident, shape: PlaceShape): Promise<GroupRefusal | null> {
    if (resident.lat === null || resident.lng === null) return 'no_home'
    if (shapeSpanMetres(shape) > MAX_GROUP_SPAN_METRES) return 'too_large'
    if (!shapeContains(shape, resident.lat, resident.lng)) return 'home_outside'
    const started = await Scheme.query()
      .where('started_by_resident_id', resident.id)
      .count('* as total')
      .first()
    if (Number(started?.$extras.total ?? 0) >= GROUPS_PER_RESIDENT) return 'too_many'
    return null
  }
}
