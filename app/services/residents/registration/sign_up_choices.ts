import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Channel } from '#contracts/channel'
import Interest from '#models/residents/interest'
import Scheme, { VIRTUAL_SCHEME_KIND } from '#models/residents/scheme'
import channelRegistry from '#services/platform/plugins/channel_registry'
import { sqlTime } from '#services/platform/infrastructure/sql_time'
import SchemeJoinRequests from '#services/residents/coordinators/scheme_join_requests'
import SignUpConsents from '#services/residents/registration/sign_up_consents'
import {
  aboutYouColumns,
  type AboutYou,
} from '#services/residents/preferences/resident_demographics'
import type {
  ContactAnswers,
  Journey,
  OptionalStep,
  QuietTime,
} from '#services/residents/registration/sign_up_journey'

/** What the resident chose at sign-up about what they get and how, saved with their record. */
export interface SignUpPreferences {
  interestIds: number[]
  schemeIds: number[]
  declinedChannels: string[]
  quietTime: QuietTime | null
  priorityThreshold: number
  aboutYou: AboutYou | null
}

/** Every alert, until the resident says otherwise. */
export const DEFAULT_PRIORITY_THRESHOLD = 1

/**
 * The optional sign-up questions: what each offers, which are worth asking,
 * and saving the answers. A skipped question keeps its default: no topics
 * (alerts sent to everyone in the area still arrive), no scheme, every way
 * they gave to reach them, every priority, no quiet time.
 */
export default class SignUpChoices {
  static interests() {
    return Interest.query().orderBy('position').orderBy('name')
  }

  /**
   * Schemes in the areas they live in, and those tied to no area. Virtual
   * watch groups are joined later, from the resident's own pages, where
   * their home is known to be inside one.
   */
  static schemes(areaIds: number[]) {
    return Scheme.query()
      .preload('area')
      .whereNot('kind', VIRTUAL_SCHEME_KIND)
      .where((query) => {
        query.whereNull('area_id')
        if (areaIds.length) query.orWhereIn('area_id', areaIds)
      })
      .orderBy('kind')
      .orderBy('name')
  }

  /** The channels that can reach them with the contacts they gave. */
  static channels(contact: ContactAnswers): Channel[] {
    const given = [
      contact.email ? 'email' : null,
      contact.mobile ? 'mobile' : null,
      contact.landline ? 'landline' : null,
    ].filter((kind) => kind !== null)
    return channelRegistry
      .available()
      .filter((channel) => [channel.contact].flat().some((kind) => given.includes(kind)))
  }

  /** The optional questions that have something to choose. */
  static async asked(journey: Journey): Promise<Set<OptionalStep>> {
    const asked = new Set<OptionalStep>(['priority', 'quiet_time', 'about_you'])
    if (await this.interests().first()) asked.add('topics')
    if (journey.areaIds && (await this.schemes(journey.areaIds).first())) asked.add('schemes')
    if (journey.contact && this.channels(journey.contact).length > 1) asked.add('channels')
    const organisations = await SignUpConsents.offered()
    if (organisations.length > 1) asked.add('organisations')
    return asked
  }

  /** The answers as they stand now: a topic or scheme removed since, or one outside their new areas, is dropped. */
  static async current(journey: Journey, areaIds: number[]): Promise<SignUpPreferences> {
    const interests = journey.interestIds?.length
      ? await this.interests().whereIn('id', journey.interestIds)
      : []
    const schemes = journey.schemeIds?.length
      ? await this.schemes(areaIds).whereIn('id', journey.schemeIds)
      : []
    return {
      interestIds: interests.map((interest) => interest.id),
      schemeIds: schemes.map((scheme) => scheme.id),
      declinedChannels: journey.declinedChannels ?? [],
      quietTime: journey.quietTime ?? null,
      priorityThreshold: journey.priorityThreshold ?? DEFAULT_PRIORITY_THRESHOLD,
      aboutYou: journey.aboutYou ?? null,
    }
  }

  /** Saved in the registration's transaction, so a resident never exists without them. */
  static async save(
    residentId: number,
    choices: SignUpPreferences,
    trx: TransactionClientContract
  ) {
    if (choices.interestIds.length) {
      await trx.table('resident_interests').multiInsert(
        choices.interestIds.map((interestId) => ({
          resident_id: residentId,
          interest_id: interestId,
        }))
      )
    }
    // An ordinary scheme's coordinator confirms its members: ticking one asks to join.
    await SchemeJoinRequests.askAtSignUp(residentId, choices.schemeIds, trx)
    // No row means the channel's defaults (on, no quiet time), so only a change is written.
    const { quietTime, declinedChannels } = choices
    const rows = channelRegistry
      .available()
      .filter((channel) => quietTime || declinedChannels.includes(channel.id))
      .map((channel) => ({
        resident_id: residentId,
        channel: channel.id,
        enabled: !declinedChannels.includes(channel.id),
        quiet_from: quietTime?.from ?? null,
        quiet_to: quietTime?.to ?? null,
        emergency_override: quietTime?.emergencyOverride ?? true,
        updated_at: sqlTime(),
      }))
    if (rows.length) await trx.table('channel_preferences').multiInsert(rows)
    // Kept apart from the contact details, as the resident's own "About you" page keeps them.
    const about = aboutYouColumns(choices.aboutYou)
    if (about) {
      await trx
        .table('demographics')
        .insert({ resident_id: residentId, ...about, updated_at: sqlTime() })
    }
  }
}
