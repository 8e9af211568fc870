/**
 * Watch schemes (Neighbourhood Watch, Farm Watch…) kept in step with an
 * outside register, and the residents who belong to them (added with
 * plugins/neighbourhood-watch). Used as `context.schemes`.
 *
 * Schemes are install-wide, as staff's own list is (Settings → Lists). A
 * plugin names each scheme by the register's own id (`externalRef`); the core
 * keeps that id per plugin, so two plugins never touch each other's schemes,
 * and a scheme staff made by hand is never changed by a plugin.
 *
 * @example
 *   const scheme = await context.schemes.upsertScheme({
 *     externalRef: 'NW-1001', name: 'Elm Road Watch', kind: 'neighbourhood_watch', areaCode: 'E05000001',
 *   })
 *   if (!scheme.ok) report(scheme.reason)
 *   const member = await context.schemes.enrolResident({
 *     name: 'Jo Bloggs', email: 'jo@example.org', postcode: null, organisationIds: [organisationId],
 *     fallbackSchemeId: scheme.schemeId,
 *   })
 *   const change = await context.schemes.setMembers(scheme.schemeId, [member.residentId])
 */

/** The kinds of scheme the core knows (the schemes' list shows their names). */
export type WatchSchemeKind =
  'neighbourhood_watch' | 'farm_watch' | 'horse_watch' | 'business_watch'

export interface WatchSchemeInput {
  /** The register's id for the scheme: at most 100 characters, unique within the plugin. */
  externalRef: string
  /** At most 120 characters. */
  name: string
  kind: WatchSchemeKind
  /** The area the scheme covers, as an area code staff imported (`areas.code`, an ONS code such as E05000001). */
  areaCode?: string | null
  /** Or a postcode in it: the scheme is tied to the most local area (a ward) containing it. */
  postcode?: string | null
}

export type WatchSchemeUpsert =
  | {
      ok: true
      schemeId: number
      outcome: 'created' | 'updated' | 'unchanged'
      /** What changed, in words staff understand ("Moved from Central to Skirbeck"); empty when nothing did. */
      changes: string[]
    }
  /** Nothing was written; `reason` is plain English ("No area has the code E05999999"). */
  | { ok: false; reason: string }

export interface ResidentEnrolment {
  name: string
  email: string
  /** Where they live, placed through the core's postcodes. */
  postcode?: string | null
  /** Without a postcode Beacon knows, they are placed in this scheme's area (the one they join). */
  fallbackSchemeId?: number | null
  /** The organisations the resident agreed (on the register) may send them alerts, once they confirm. */
  organisationIds: number[]
}

export type ResidentEnrolmentOutcome =
  /**
   * created: a new resident, pending until they confirm their email by the link the core sends them
   * (nothing reaches them before). existing: a resident (in any state but erased) already has this
   * email address; nothing is changed about them and they are not told anything.
   */
  { ok: true; residentId: number; outcome: 'created' | 'existing' } | { ok: false; reason: string }

export interface SchemeMembersChange {
  /** Residents who joined the scheme now. */
  added: number[]
  /** Residents the plugin had added who are no longer listed, now out of the scheme. */
  removed: number[]
}

export interface WatchSchemes {
  /** Creates the scheme the plugin names by `externalRef`, or brings it up to date (name, kind, area). */
  upsertScheme(input: WatchSchemeInput): Promise<WatchSchemeUpsert>
  /** The scheme the plugin imported under this id, or null. */
  schemeIdOf(externalRef: string): Promise<number | null>
  /**
   * A resident for a register member who consented: the existing resident with this email address,
   * or a new one registered through the core's sign-up, pending and sent the usual confirmation
   * email. Its `source` is the plugin's id, hyphens as underscores (`neighbourhood_watch`).
   */
  enrolResident(input: ResidentEnrolment): Promise<ResidentEnrolmentOutcome>
  /**
   * Makes the scheme's members added by this plugin exactly `residentIds`, in one transaction:
   * adds those missing, removes those the plugin added earlier and no longer lists. Residents who
   * joined the scheme themselves are left as they are (and count as neither added nor removed).
   */
  setMembers(schemeId: number, residentIds: number[]): Promise<SchemeMembersChange>
  /**
   * The register names the plugin's scheme's coordinator by this email address: where it is the
   * address of a coordinator of the organisation (a member of its staff whose role there is
   * `coordinator`), the scheme is added to the schemes they look after. Nobody is made staff and
   * nothing is taken away. True when the scheme was added now.
   */
  linkCoordinator(schemeId: number, organisationId: number, email: string): Promise<boolean>
}
