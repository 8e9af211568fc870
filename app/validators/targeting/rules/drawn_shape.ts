import vine from '@vinejs/vine'
import { kinks } from '@turf/kinks'
import type { FieldContext } from '@vinejs/vine/types'
import {
  closedRingRemoved,
  type DrawnShape,
  type Position,
} from '#services/targeting/audience_query'

export const MAX_POLYGON_CORNERS = 100
export const MIN_CIRCLE_RADIUS_METRES = 50
export const MAX_CIRCLE_RADIUS_METRES = 50_000

/** The refusals, in words, keyed by the rule name each is reported under. */
export const DRAWN_SHAPE_MESSAGES = {
  'shape.unreadable': 'The area drawn on the map could not be read. Remove it and draw it again',
  'shape.tooFewCorners': 'A drawn area needs at least 3 corners. Draw it again',
  'shape.tooManyCorners': `A drawn area can have at most ${MAX_POLYGON_CORNERS} corners. Draw it again with fewer`,
  'shape.selfIntersecting':
    'The edges of the drawn area cross each other. Draw it again so that no edge crosses another',
  'shape.circleTooSmall': 'A drawn circle must have a radius of at least 50 metres',
  'shape.circleTooLarge':
    'A drawn circle can have a radius of at most 50 kilometres. Choose whole districts for a wider area',
}

function isPosition(value: unknown): value is Position {
  return (
    Array.isArray(value) &&
    value.length === 2 &&
    value.every((number) => typeof number === 'number' && Number.isFinite(number)) &&
    Math.abs(value[0]) <= 180 &&
    Math.abs(value[1]) <= 90
  )
}

type Refusal = keyof typeof DRAWN_SHAPE_MESSAGES extends `shape.${infer Rule}` ? Rule : never

/** The shape as Beacon stores it, or the reason it is refused. */
export function readDrawnShape(value: unknown): DrawnShape | { refused: Refusal } {
  let shape: any = value
  if (typeof value === 'string') {
    try {
      shape = JSON.parse(value)
    } catch {
      return { refused: 'unreadable' }
    }
  }
  if (!shape || typeof shape !== 'object') return { refused: 'unreadable' }

  if (shape.type === 'circle') {
    const radius = shape.radiusMetres
    if (!isPosition(shape.center) || typeof radius !== 'number' || !Number.isFinite(radius)) {
      return { refused: 'unreadable' }
    }
    if (radius < MIN_CIRCLE_RADIUS_METRES) return { refused: 'circleTooSmall' }
    if (radius > MAX_CIRCLE_RADIUS_METRES) return { refused: 'circleTooLarge' }
    return {
      type: 'circle',
      center: [shape.center[0], shape.center[1]],
      radiusMetres: Math.round(radius),
    }
  }

  if (shape.type === 'polygon') {
    const corners = shape.coordinates
    if (!Array.isArray(corners) || !corners.every(isPosition)) return { refused: 'unreadable' }
    const open = corners.length ? closedRingRemoved(corners) : []
    const distinct = new Set(open.map(([lng, lat]) => `${lng},${lat}`))
    if (distinct.size < 3) return { refused: 'tooFewCorners' }
    if (open.length > MAX_POLYGON_CORNERS) return { refused: 'tooManyCorners' }
    const polygon = {
      type: 'Feature' as const,
      properties: {},
      geometry: { type: 'Polygon' as const, coordinates: [[...open, open[0]]] },
    }
    if (kinks(polygon).features.length > 0) return { refused: 'selfIntersecting' }
    return { type: 'polygon', coordinates: open.map(([lng, lat]) => [lng, lat]) }
  }
  return { refused: 'unreadable' }
}

/**
 * A shape drawn on the targeting map, sent as JSON in a hidden field: a
 * polygon of 3 to 100 corners whose edges do not cross, or a circle of 50
 * metres to 50 kilometres. Passed on as an object.
 */
export const drawnShape = vine.createRule(
  (value: unknown, _options: undefined, field: FieldContext) => {
    if (value === undefined || value === null || value === '') return
    const result = readDrawnShape(value)
    if ('refused' in result) {
      field.report(DRAWN_SHAPE_MESSAGES[`shape.${result.refused}`], result.refused, field)
      return
    }
    field.mutate(result, field)
  }
)
