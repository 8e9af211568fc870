import type { DateTime } from 'luxon'
import env from '#start/env'
import Area from '#models/areas/area'
import type Alert from '#models/messaging/alert'
import { ALERT_CATEGORIES, isAlertCategory } from '#services/messaging/alert_categories'
import { PUBLIC_TIME_ZONE, type PublicAlertView } from '#services/messaging/public_alert_view'
import { xml, xmlDocument } from '#services/platform/infrastructure/xml_document'
import { markdownToText } from '#services/messaging/alert_markdown'

export const CAP_NAMESPACE = 'urn:oasis:names:tc:emergency:cap:1.2'

/** Enough to outline a ward or district, small enough for the systems that read CAP. */
export const MAX_POLYGON_POINTS = 200

type Position = [number, number]

/**
 * Our priorities in CAP's three words. Residents choose a lowest priority to
 * hear about, so higher priorities mean sooner, worse and more certain.
 */
const PRIORITY_TERMS: Record<number, { urgency: string; severity: string; certainty: string }> = {
  1: { urgency: 'Future', severity: 'Minor', certainty: 'Possible' },
  2: { urgency: 'Future', severity: 'Minor', certainty: 'Likely' },
  3: { urgency: 'Expected', severity: 'Moderate', certainty: 'Likely' },
  4: { urgency: 'Immediate', severity: 'Severe', certainty: 'Likely' },
  5: { urgency: 'Immediate', severity: 'Extreme', certainty: 'Observed' },
}

/** CAP times carry their offset and no fraction ("2025-06-03T14:05:00+01:00"); "Z" is not allowed. */
export function capTime(time: DateTime) {
  return time.setZone(PUBLIC_TIME_ZONE).toFormat("yyyy-MM-dd'T'HH:mm:ssZZ")
}

function installHost() {
  return new URL(env.get('APP_URL')).hostname
}

/** Stable across restarts and unique across installs; CAP forbids spaces, commas, "<" and "&". */
export function capIdentifier(alertId: number) {
  return `beacon-${installHost()}-${alertId}`.replace(/[\s,<&]/g, '-')
}

/**
 * Keeps every k-th point of a closed ring so that at most `maxPoints` remain,
 * the last repeating the first. A ring already small enough is kept whole.
 */
export function simplifyRing(ring: Position[], maxPoints = MAX_POLYGON_POINTS): Position[] {
  const closed =
    ring.length > 1 &&
    ring[0][0] === ring[ring.length - 1][0] &&
    ring[0][1] === ring[ring.length - 1][1]
  const open = closed ? ring.slice(0, -1) : ring
  if (open.length + 1 <= maxPoints) return [...open, open[0]]
  const step = Math.ceil(open.length / (maxPoints - 1))
  const kept = open.filter((_, index) => index % step === 0)
  return [...kept, kept[0]]
}

/** A ring as CAP writes it: "lat,lon" pairs separated by spaces. */
function capPolygon(ring: Position[]) {
  return ring.map(([lon, lat]) => `${Number(lat.toFixed(6))},${Number(lon.toFixed(6))}`).join(' ')
}

/** A drawn polygon's corners as a closed ring, the first point repeated at the end. */
function closedRing(corners: Position[]): Position[] {
  const first = corners[0]
  const last = corners[corners.length - 1]
  return first[0] === last[0] && first[1] === last[1] ? corners : [...corners, first]
}

/** A circle as CAP writes it: "lat,lon radius", the radius in kilometres. */
function capCircle([lon, lat]: Position, radiusMetres: number) {
  return `${Number(lat.toFixed(6))},${Number(lon.toFixed(6))} ${Number((radiusMetres / 1000).toFixed(3))}`
}

/** One CAP polygon per part of a GeoJSON Polygon or MultiPolygon: the outer ring, simplified. */
export function capPolygons(geometryJson: string | null) {
  if (!geometryJson) return []
  const geometry = JSON.parse(geometryJson) as
    | { type: 'Polygon'; coordinates: Position[][] }
    | { type: 'MultiPolygon'; coordinates: Position[][][] }
    | { type: string; coordinates: unknown }
  const parts =
    geometry.type === 'Polygon'
      ? [geometry.coordinates as Position[][]]
      : geometry.type === 'MultiPolygon'
        ? (geometry.coordinates as Position[][][])
        : []
  return parts
    .map((part) => part[0])
    .filter((ring) => Array.isArray(ring) && ring.length >= 4)
    .map((ring) => simplifyRing(ring))
    .filter((ring) => ring.length >= 4)
    .map(capPolygon)
}

/**
 * A sent public alert as a CAP 1.2 document, for systems that pass alerts on
 * (other agencies, broadcasters, aggregators).
 */
export default class CapAlert {
  static async document(alert: Alert, view: PublicAlertView) {
    const targeted = alert.criteria.areaIds ?? []
    const areas = targeted.length ? await Area.query().whereIn('id', targeted).orderBy('name') : []
    // A ward inside a targeted district adds nothing to the district's outline.
    const outlined = areas.filter((area) => !area.parentId || !targeted.includes(area.parentId))
    const shape = alert.criteria.shape ?? null
    const areaNames = [
      ...areas.map((area) => area.name),
      ...(shape ? ['an area drawn on the map'] : []),
    ]
    const polygons = outlined.flatMap((area) => capPolygons(area.geometry))
    if (shape?.type === 'polygon') polygons.push(capPolygon(closedRing(shape.coordinates)))
    const circles = shape?.type === 'circle' ? [capCircle(shape.center, shape.radiusMetres)] : []
    const terms = PRIORITY_TERMS[alert.priority] ?? PRIORITY_TERMS[3]
    const category = isAlertCategory(alert.category) ? ALERT_CATEGORIES[alert.category] : null
    const organisation = alert.organisation

    return xmlDocument(
      xml(
        'alert',
        { xmlns: CAP_NAMESPACE },
        xml('identifier', null, capIdentifier(alert.id)),
        xml(
          'sender',
          null,
          `${organisation.slug.replace(/[^A-Za-z0-9._-]/g, '-')}@${installHost()}`
        ),
        xml('sent', null, capTime(view.sentAt)),
        xml('status', null, 'Actual'),
        xml('msgType', null, 'Alert'),
        xml('scope', null, 'Public'),
        xml(
          'info',
          null,
          xml('language', null, 'en-GB'),
          xml('category', null, category?.cap ?? 'Other'),
          xml('event', null, category?.label ?? 'Community alert'),
          xml('urgency', null, terms.urgency),
          xml('severity', null, terms.severity),
          xml('certainty', null, terms.certainty),
          xml('senderName', null, alert.fromNames),
          xml('headline', null, alert.title),
          xml('description', null, alert.bodyText ?? markdownToText(alert.body)),
          xml('web', null, view.url),
          areaNames.length
            ? xml(
                'area',
                null,
                xml('areaDesc', null, areaNames.join(', ')),
                // CAP orders an area's polygons before its circles.
                polygons.map((polygon) => xml('polygon', null, polygon)),
                circles.map((circle) => xml('circle', null, circle))
              )
            : null
        )
      )
    )
  }
}
