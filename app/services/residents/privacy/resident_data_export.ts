import { DateTime } from 'luxon'
import { stringify } from 'csv-stringify/sync'
import db from '@adonisjs/lucid/services/db'
import ChannelPreference from '#models/residents/channel_preference'
import { PRIORITIES } from '#contracts/priority'
import { SCHEME_KIND_LABELS, type SchemeKind } from '#models/residents/scheme'
import Resident from '#models/residents/resident'
import ResidentDemographics, {
  aboutYouLabel,
} from '#services/residents/preferences/resident_demographics'
import ResidentLanguages from '#services/residents/preferences/resident_languages'
import { fromStoredTime } from '#services/platform/infrastructure/stored_time'
import privacyRegistry from '#services/residents/privacy_registry'
import ResidentContacts from '#services/residents/contacts/resident_contacts'
import type { PrivacyRecord } from '#contracts/privacy'

type Value = string | number | boolean | null
type Row = Record<string, Value>

/** The residents module's own sections; later modules and plugins add theirs (privacy_registry). */
interface OwnSections {
  exportedAt: string
  contactDetails: Row
  account: Row
  areas: Row[]
  preferences: Row
  channels: Row[]
  interests: Row[]
  schemes: Row[]
  consents: Row[]
  aboutYou: Row | null
  /** Contacts plugins keep (e.g. a browser's push subscription). */
  otherContacts: Row[]
}

export type ResidentData = OwnSections &
  Record<string, PrivacyRecord | PrivacyRecord[] | string | null>

/** A date and time as the download writes it: ISO 8601 in UTC. */
export function iso(value: unknown) {
  const time = value instanceof DateTime ? value : fromStoredTime(value)
  return time ? time.toUTC().toISO() : null
}

// A spreadsheet would run a cell starting with one of these as a formula.
function safeCell(value: Value) {
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(value)) return `'${value}`
  return value
}

/**
 * Everything Beacon holds about a resident, for them to download (the right
 * of access): as JSON, or as CSV with one row per value.
 */
export default class ResidentDataExport {
  /** The resident's own sections, then every section another module or a plugin registered. */
  static async collect(residentId: number): Promise<ResidentData> {
    const resident = await Resident.findOrFail(residentId)
    const [areas, channels, interests, schemes, consents, aboutYou, otherContacts, registered] =
      await Promise.all([
        db
          .from('areas')
          .join('resident_areas', 'resident_areas.area_id', 'areas.id')
          .where('resident_areas.resident_id', residentId)
          .orderBy('areas.level')
          .orderBy('areas.name')
          .select('areas.name', 'areas.level'),
        ChannelPreference.query().where('resident_id', residentId).orderBy('channel'),
        db
          .from('interests')
          .join('resident_interests', 'resident_interests.interest_id', 'interests.id')
          .where('resident_interests.resident_id', residentId)
          .orderBy('interests.name')
          .select('interests.name'),
        db
          .from('schemes')
          .join('scheme_members', 'scheme_members.scheme_id', 'schemes.id')
          .where('scheme_members.resident_id', residentId)
          .orderBy('schemes.name')
          .select('schemes.name', 'schemes.kind', 'scheme_members.joined_at'),
        db
          .from('consents')
          .join('organisations', 'organisations.id', 'consents.organisation_id')
          .where('consents.resident_id', residentId)
          .orderBy('organisations.name')
          .select('organisations.name', 'consents.granted_at', 'consents.withdrawn_at'),
        ResidentDemographics.of(residentId),
        ResidentContacts.forDownload(residentId),
        privacyRegistry.exportAll(residentId),
      ])
    const language = await ResidentLanguages.describe(resident.language)

    return {
      exportedAt: DateTime.now().toUTC().toISO()!,
      contactDetails: {
        name: resident.name,
        email: resident.email,
        mobilePhone: resident.phone,
        landline: resident.landline,
        postcode: resident.postcode,
        latitude: resident.lat,
        longitude: resident.lng,
      },
      account: {
        status: resident.status,
        signedUpBy: resident.source,
        signedUpAt: iso(resident.createdAt),
        confirmedAt: iso(resident.confirmedAt),
        emailVerifiedAt: iso(resident.emailVerifiedAt),
        mobilePhoneVerifiedAt: iso(resident.phoneVerifiedAt),
        stoppedAllAlertsAt: iso(resident.unsubscribedAt),
        knownToLocalOfficer: resident.knownToOfficer,
        communityContact: resident.communityInfluencer,
      },
      areas: areas.map((area) => ({ name: area.name, level: area.level })),
      preferences: {
        language: language.name,
        lowestPriority: `${resident.priorityThreshold} – ${PRIORITIES[resident.priorityThreshold] ?? ''}`,
        declinesTrackingOfOpens: resident.declinesTracking,
      },
      channels: channels.map((channel) => ({
        channel: channel.channel,
        enabled: channel.enabled,
        quietFrom: channel.quietFrom,
        quietTo: channel.quietTo,
        emergenciesDuringQuietTime: channel.emergencyOverride,
      })),
      interests: interests.map((interest) => ({ name: interest.name })),
      schemes: schemes.map((scheme) => ({
        name: scheme.name,
        kind: SCHEME_KIND_LABELS[scheme.kind as SchemeKind] ?? scheme.kind,
        joinedAt: iso(scheme.joined_at),
      })),
      consents: consents.map((consent) => ({
        organisation: consent.name,
        grantedAt: iso(consent.granted_at),
        withdrawnAt: iso(consent.withdrawn_at),
      })),
      aboutYou: aboutYou
        ? {
            ageBand: aboutYouLabel('ageBand', aboutYou.ageBand),
            sex: aboutYouLabel('sex', aboutYou.sex),
            ethnicity: aboutYouLabel('ethnicity', aboutYou.ethnicity),
            disability: aboutYouLabel('disability', aboutYou.disability),
            mainLanguage: aboutYouLabel('mainLanguage', aboutYou.mainLanguage),
          }
        : null,
      otherContacts,
      ...registered,
    }
  }

  static toJson(data: ResidentData) {
    return JSON.stringify(data, null, 2)
  }

  static toCsv(data: ResidentData) {
    const rows: Value[][] = [['section', 'item', 'field', 'value']]
    for (const [section, content] of Object.entries(data) as [string, unknown][]) {
      if (content === null || typeof content !== 'object') {
        if (content !== null) rows.push([section, null, null, content as Value])
      } else if (Array.isArray(content)) {
        content.forEach((item: Row, index) => {
          for (const [field, value] of Object.entries(item)) {
            rows.push([section, index + 1, field, value])
          }
        })
      } else {
        for (const [field, value] of Object.entries(content as Row)) {
          rows.push([section, null, field, value])
        }
      }
    }
    return stringify(
      rows.map((row) => row.map(safeCell)),
      { cast: { boolean: (value) => (value ? 'yes' : 'no') } }
    )
  }
}
