import { type DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import ChannelPreference from '#models/residents/channel_preference'
import Interest from '#models/residents/interest'
import { PRIORITIES } from '#contracts/priority'
import Scheme, { VIRTUAL_SCHEME_KIND } from '#models/residents/scheme'
import { schemesOpenTo } from '#services/residents/lists/scheme_visibility'
import type Resident from '#models/residents/resident'
import channelRegistry from '#services/platform/plugins/channel_registry'
import { fromStoredTime } from '#services/platform/infrastructure/stored_time'
import { sqlTime } from '#services/platform/infrastructure/sql_time'

export interface Language {
  code: string
  name: string
  /** The language's name in itself, shown with its own lang attribute. */
  nativeName: string
  rightToLeft: boolean
}

export const LANGUAGES: Language[] = [
  { code: 'en', name: 'English', nativeName: 'English', rightToLeft: false },
  { code: 'cy', name: 'Welsh', nativeName: 'Cymraeg', rightToLeft: false },
  { code: 'pl', name: 'Polish', nativeName: 'Polski', rightToLeft: false },
  { code: 'ro', name: 'Romanian', nativeName: 'Română', rightToLeft: false },
  { code: 'lt', name: 'Lithuanian', nativeName: 'Lietuvių', rightToLeft: false },
  { code: 'pt', name: 'Portuguese', nativeName: 'Português', rightToLeft: false },
  { code: 'ur', name: 'Urdu', nativeName: 'اردو', rightToLeft: true },
  { code: 'pa', name: 'Punjabi', nativeName: 'ਪੰਜਾਬੀ', rightToLeft: false },
  { code: 'ar', name: 'Arabic', nativeName: 'العربية', rightToLeft: true },
  { code: 'bn', name: 'Bengali', nativeName: 'বাংলা', rightToLeft: false },
]
export const LANGUAGE_CODES = LANGUAGES.map((language) => language.code)

export function languageName(code: string) {
  return LANGUAGES.find((language) => language.code === code)?.name ?? code
}

/** What each priority means for the resident choosing the lowest they accept. */
export const PRIORITY_EXPLANATIONS: Record<number, string> = {
  1: 'Every alert, including news, events and appeals for information.',
  2: 'Advice on staying safe, such as new scams or crime prevention tips, and everything more serious.',
  3: 'Warnings about something happening near you, and everything more serious.',
  4: 'Only urgent alerts, where you may need to act soon, and emergencies.',
  5: 'Only emergencies, where lives or homes are at risk.',
}

export const PRIORITY_CHOICES = Object.entries(PRIORITIES).map(([value, label]) => ({
  value: Number(value),
  label,
  explanation: PRIORITY_EXPLANATIONS[Number(value)],
}))

export interface ChannelSetting {
  id: string
  label: string
  enabled: boolean
  quietFrom: string | null
  quietTo: string | null
  emergencyOverride: boolean
}

export interface ChannelChoice {
  enabled: boolean
  quietFrom: string | null
  quietTo: string | null
  emergencyOverride: boolean
}

/**
 * What a resident chooses to receive: channels and their quiet times, the
 * lowest priority, topics, language and watch schemes.
 */
export default class ResidentPreferences {
  /** The channels that exist now; one without a stored choice shows its defaults. */
  static async channels(residentId: number): Promise<ChannelSetting[]> {
    const stored = await ChannelPreference.query().where('resident_id', residentId)
    return channelRegistry.available().map((channel) => {
      const preference = stored.find((row) => row.channel === channel.id)
      return {
        id: channel.id,
        label: channel.label,
        enabled: preference?.enabled ?? true,
        quietFrom: preference?.quietFrom ?? null,
        quietTo: preference?.quietTo ?? null,
        emergencyOverride: preference?.emergencyOverride ?? true,
      }
    })
  }

  static async channel(residentId: number, channelId: string) {
    const settings = await this.channels(residentId)
    return settings.find((setting) => setting.id === channelId) ?? null
  }

  static async saveChannel(residentId: number, channelId: string, choice: ChannelChoice) {
    const hasQuietTime = !!(choice.quietFrom && choice.quietTo)
    await db
      .table('channel_preferences')
      .insert({
        resident_id: residentId,
        channel: channelId,
        enabled: choice.enabled,
        quiet_from: hasQuietTime ? choice.quietFrom : null,
        quiet_to: hasQuietTime ? choice.quietTo : null,
        emergency_override: choice.emergencyOverride,
        updated_at: sqlTime(),
      })
      .onConflict(['resident_id', 'channel'])
      .merge()
  }

  static async setPriorityThreshold(resident: Resident, threshold: number) {
    resident.priorityThreshold = threshold
    await resident.save()
  }

  static async setLanguage(resident: Resident, code: string) {
    resident.language = code
    await resident.save()
  }

  static async interests(residentId: number) {
    const all = await Interest.query().orderBy('position').orderBy('name')
    const chosen = await db
      .from('resident_interests')
      .where('resident_id', residentId)
      .select('interest_id')
    const chosenIds = chosen.map((row) => Number(row.interest_id))
    return { all, chosenIds }
  }

  static async setInterests(resident: Resident, interestIds: number[]) {
    await db.transaction(async (trx) => {
      await resident.related('interests').sync(interestIds, true, trx)
    })
  }

  /**
   * The schemes the resident joins or leaves by ticking (schemesOpenTo): virtual watch groups, and
   * any scheme they are in. Other schemes are joined by asking their coordinator (SchemeJoinRequests).
   */
  static async schemes(resident: Pick<Resident, 'id' | 'lat' | 'lng'>) {
    const memberships = await db
      .from('scheme_members')
      .where('resident_id', resident.id)
      .select('scheme_id', 'joined_at')
    const joinedAt = new Map<number, DateTime | null>(
      memberships.map((row) => [Number(row.scheme_id), fromStoredTime(row.joined_at)])
    )
    const every = await Scheme.query().preload('area').orderBy('kind').orderBy('name')
    const all = schemesOpenTo(every, resident, [...joinedAt.keys()]).filter(
      (scheme) => scheme.kind === VIRTUAL_SCHEME_KIND || joinedAt.has(scheme.id)
    )
    return { all, joinedAt, anyScheme: every.length > 0 }
  }

  /** Keeps the date a resident first joined a scheme they stay in. */
  static async setSchemes(resident: Resident, schemeIds: number[]) {
    await db.transaction(async (trx) => {
      const current = await trx
        .from('scheme_members')
        .where('resident_id', resident.id)
        .select('scheme_id')
      const currentIds = current.map((row) => Number(row.scheme_id))
      const leaving = currentIds.filter((id) => !schemeIds.includes(id))
      const joining = schemeIds.filter((id) => !currentIds.includes(id))
      if (leaving.length > 0) {
        await trx
          .from('scheme_members')
          .where('resident_id', resident.id)
          .whereIn('scheme_id', leaving)
          .delete()
      }
      if (joining.length > 0) {
        const now = sqlTime()
        await trx.table('scheme_members').multiInsert(
          joining.map((schemeId) => ({
            scheme_id: schemeId,
            resident_id: resident.id,
            joined_at: now,
          }))
        )
      }
    })
  }
}
