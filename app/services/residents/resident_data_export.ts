import { DateTime } from 'luxon'
import { stringify } from 'csv-stringify/sync'
import db from '@adonisjs/lucid/services/db'
import ChannelPreference from '#models/residents/channel_preference'
import { PRIORITIES } from '#contracts/priority'
import { SCHEME_KINDS, type SchemeKind } from '#models/residents/scheme'
import Subscriber from '#models/residents/subscriber'
import ResidentDemographics, { aboutYouLabel } from '#services/residents/resident_demographics'
import { languageName } from '#services/residents/resident_preferences'
import { fromStoredTime } from '#services/platform/stored_time'
import privacyRegistry from '#services/residents/privacy_registry'
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
  static async collect(subscriberId: number): Promise<ResidentData> {
    const subscriber = await Subscriber.findOrFail(subscriberId)
    const [areas, channels, interests, schemes, consents, aboutYou, registered] = await Promise.all(
      [
        db
          .from('areas')
          .join('subscriber_areas', 'subscriber_areas.area_id', 'areas.id')
          .where('subscriber_areas.subscriber_id', subscriberId)
          .orderBy('areas.level')
          .orderBy('areas.name')
          .select('areas.name', 'areas.level'),
        ChannelPreference.query().where('subscriber_id', subscriberId).orderBy('channel'),
        db
          .from('interests')
          .join('subscriber_interests', 'subscriber_interests.interest_id', 'interests.id')
          .where('subscriber_interests.subscriber_id', subscriberId)
          .orderBy('interests.name')
          .select('interests.name'),
        db
          .from('schemes')
          .join('scheme_members', 'scheme_members.scheme_id', 'schemes.id')
          .where('scheme_members.subscriber_id', subscriberId)
          .orderBy('schemes.name')
          .select('schemes.name', 'schemes.kind', 'scheme_members.joined_at'),
        db
          .from('consents')
          .join('organisations', 'organisations.id', 'consents.organisation_id')
          .where('consents.subscriber_id', subscriberId)
          .orderBy('organisations.name')
          .select('organisations.name', 'consents.granted_at', 'consents.withdrawn_at'),
        ResidentDemographics.of(subscriberId),
        privacyRegistry.exportAll(subscriberId),
      ]
    )

    return {
      exportedAt: DateTime.now().toUTC().toISO()!,
      contactDetails: {
        name: subscriber.name,
        email: subscriber.email,
        mobilePhone: subscriber.phone,
        landline: subscriber.landline,
        postcode: subscriber.postcode,
        latitude: subscriber.lat,
        longitude: subscriber.lng,
      },
      account: {
        status: subscriber.status,
        signedUpBy: subscriber.source,
        signedUpAt: iso(subscriber.createdAt),
        confirmedAt: iso(subscriber.confirmedAt),
        emailVerifiedAt: iso(subscriber.emailVerifiedAt),
        mobilePhoneVerifiedAt: iso(subscriber.phoneVerifiedAt),
        stoppedAllAlertsAt: iso(subscriber.unsubscribedAt),
        knownToLocalOfficer: subscriber.knownToOfficer,
        communityContact: subscriber.communityInfluencer,
      },
      areas: areas.map((area) => ({ name: area.name, level: area.level })),
      preferences: {
        language: languageName(subscriber.language),
        lowestPriority: `${subscriber.priorityThreshold} – ${PRIORITIES[subscriber.priorityThreshold] ?? ''}`,
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
        kind: SCHEME_KINDS[scheme.kind as SchemeKind] ?? scheme.kind,
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
