/**
 * What targeting is asked: the criteria an alert or a segment stores, the
 * scope of a count, and the counts' shape. Shared by the SQL query, the
 * index and the forms.
 */

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
  /**
   * Leaves out residents another alert already reached (one alert per
   * incident: a second organisation sends only to those the first missed).
   * Read from the delivery ledger; counted by SQL, never by the index.
   */
  excludeRecipientsOf?: number[]
  /**
   * A joint alert: the organisations co-signing it beside the sender's own.
   * Consent to any one of them is enough; each resident is still one
   * resident. Counted by SQL, never by the index.
   */
  cosigningOrganisationIds?: number[]
}

/** The organisations whose consent lets an alert reach a resident: the sender's and any co-signer's. */
export function consentingOrganisations(scope: AudienceScope): number[] {
  return [...new Set([scope.organisationId, ...(scope.criteria.cosigningOrganisationIds ?? [])])]
}

/** A delivery in these states reached its resident (or is on its way to them). */
export const REACHED_STATUSES = ['sent', 'delivered', 'sending', 'pending']

export interface AudienceScope {
  organisationId: number
  priority: number
  criteria: AudienceCriteria
  /**
   * Every resident consenting to the organisation, whatever priority they accept and wherever they
   * live (a resident in no known area too): `priority` and the criteria's areas then narrow nothing.
   * For reports of reach (Reports → Residents, by channel), never for an alert's audience.
   */
  anyPriorityOrArea?: boolean
}

export interface AudienceCounts {
  total: number
  byChannel: Record<string, number>
}

export const DEMOGRAPHIC_COLUMNS: Record<keyof DemographicCriteria, string> = {
  ageBands: 'age_band',
  sexes: 'sex',
  ethnicities: 'ethnicity',
  disabilities: 'disability',
}
