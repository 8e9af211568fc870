import db from '@adonisjs/lucid/services/db'
import type { ModelQueryBuilderContract } from '@adonisjs/lucid/types/model'
import Resident from '#models/residents/resident'
import User from '#models/platform/user'
import { fromStoredTime } from '#services/platform/infrastructure/stored_time'

export const RESIDENT_STATUSES = {
  pending: 'Waiting for confirmation',
  active: 'Active',
  unsubscribed: 'Unsubscribed',
  erased: 'Erased',
} as const

/**
 * Where residents came from, as staff filter, target and report by it. A
 * plugin that enrols residents gives its id as their source (#contracts/schemes):
 * the Neighbourhood Watch register's is named here so that staff can choose it;
 * another plugin's shows as its id until it is named too.
 */
export const RESIDENT_SOURCES = {
  web: 'Signed up online',
  doorstep: 'Signed up on the doorstep',
  import: 'Imported',
  neighbourhood_watch: 'From the Neighbourhood Watch register',
} as const

export const RESIDENT_CHANNELS = {
  email: 'Has an email address',
  mobile: 'Has a mobile number',
  landline: 'Has a landline',
} as const

/** The orders the list offers; by name unless asked. */
export const RESIDENT_SORTS = {
  name: 'Name, A to Z',
  newest: 'Newest sign-ups first',
  oldest: 'Oldest sign-ups first',
} as const

const CHANNEL_COLUMNS = { email: 'email', mobile: 'phone', landline: 'landline' } as const

export interface ResidentFilters {
  q?: string
  areaId?: number
  status?: keyof typeof RESIDENT_STATUSES
  source?: keyof typeof RESIDENT_SOURCES
  channel?: keyof typeof RESIDENT_CHANNELS
  sort?: keyof typeof RESIDENT_SORTS
}

const PER_PAGE = 25

type ResidentQuery = ModelQueryBuilderContract<typeof Resident>

/**
 * The residents an organisation's staff may see: those who consent to that
 * organisation. Residents are shared by the install, so every query here
 * starts from that scope, and a resident outside it is simply not found.
 */
export default class ResidentDirectory {
  static query(organisationId: number): ResidentQuery {
    return Resident.query().whereExists(
      db
        .from('consents')
        .whereRaw('consents.resident_id = residents.id')
        .where('consents.organisation_id', organisationId)
        .whereNull('consents.withdrawn_at')
    )
  }

  static async search(organisationId: number, filters: ResidentFilters, page: number) {
    const query = this.query(organisationId)
    if (filters.q) this.#matching(query, filters.q)
    if (filters.areaId) {
      query.whereExists(
        db
          .from('resident_areas')
          .whereRaw('resident_areas.resident_id = residents.id')
          .where('resident_areas.area_id', filters.areaId)
      )
    }
    if (filters.status) query.where('residents.status', filters.status)
    if (filters.source) query.where('residents.source', filters.source)
    if (filters.channel) query.whereNotNull(`residents.${CHANNEL_COLUMNS[filters.channel]}`)
    query.preload('areas', (areas) => areas.orderBy('level', 'desc').orderBy('name'))
    if (filters.sort === 'newest' || filters.sort === 'oldest') {
      const direction = filters.sort === 'newest' ? 'desc' : 'asc'
      query.orderBy('residents.created_at', direction).orderBy('residents.id', direction)
    } else {
      query.orderBy('residents.name').orderBy('residents.id')
    }
    return query.paginate(page, PER_PAGE)
  }

  static async countAll(organisationId: number) {
    const row = await this.query(organisationId).count('* as total').first()
    return Number(row?.$extras.total ?? 0)
  }

  /** Answers "not found" for a resident outside the organisation, as for one who does not exist. */
  static find(organisationId: number, id: number) {
    return this.query(organisationId).where('residents.id', id).firstOrFail()
  }

  /** Everything the resident page shows about a resident, for this organisation's staff. */
  static async profile(organisationId: number, resident: Resident) {
    await resident.load((loader) => {
      loader
        .load('areas', (areas) => areas.orderBy('level', 'desc').orderBy('name'))
        .load('interests', (interests) => interests.orderBy('position').orderBy('name'))
        .load('schemes', (schemes) => schemes.preload('area').orderBy('name'))
    })
    const consent = await db
      .from('consents')
      .where('resident_id', resident.id)
      .where('organisation_id', organisationId)
      .first()
    const registeredBy = resident.registeredByUserId
      ? await User.find(resident.registeredByUserId)
      : null
    return {
      consentGrantedAt: fromStoredTime(consent?.granted_at),
      registeredBy,
    }
  }

  /** Name or email containing the text; a phone number typed as "07400 123456" matches "+447400123456". */
  static #matching(query: ResidentQuery, text: string) {
    const digits = text.replace(/[\s().-]/g, '')
    const looksLikePhone = /^\+?\d{3,}$/.test(digits)
    const international = digits.startsWith('00')
      ? `+${digits.slice(2)}`
      : digits.startsWith('0')
        ? `+44${digits.slice(1)}`
        : digits
    query.where((inner) => {
      inner.whereILike('residents.name', `%${text}%`).orWhereILike('residents.email', `%${text}%`)
      if (looksLikePhone) {
        inner
          .orWhereLike('residents.phone', `%${international}%`)
          .orWhereLike('residents.landline', `%${international}%`)
      }
    })
  }
}
