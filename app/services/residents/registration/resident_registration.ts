import db from '@adonisjs/lucid/services/db'
import type Area from '#models/areas/area'
import Resident from '#models/residents/resident'
import AreaPlacement, { type ChosenLocation } from '#services/areas/area_placement'
import ResidentTokens from '#services/residents/registration/resident_tokens'
import TransactionalMail from '#services/platform/infrastructure/transactional_mail'
import { signUpLinks } from '#services/residents/registration/sign_up_links'
import { sqlTime } from '#services/platform/infrastructure/sql_time'
import SignUpChoices, {
  DEFAULT_PRIORITY_THRESHOLD,
  type SignUpPreferences,
} from '#services/residents/registration/sign_up_choices'

export interface RegistrationInput {
  name: string
  email?: string | null
  /** A UK mobile in E.164. */
  phone?: string | null
  /** A UK landline in E.164, for voice alerts. */
  landline?: string | null
  location: ChosenLocation
  /** Every area the resident lives in, from AreaPlacement. */
  areas: Area[]
  /** web, doorstep, or the plugin that enrolled them (neighbourhood_watch): at most 20 characters. */
  source?: string
  registeredByUserId?: number | null
  knownToOfficer?: boolean
  communityInfluencer?: boolean
  /**
   * The organisations that may contact the resident once they confirm: those ticked at
   * sign-up, or the officer's own on the doorstep.
   */
  organisationIds: number[]
  /** The language chosen at sign-up (offered by a translation plugin); English when none. */
  language?: string
  /** What brought a web sign-up (SignUpReferral), kept for the figures of whatever did. */
  referral?: string | null
  /** Topics, schemes, channels, priority and quiet time chosen at sign-up; defaults when absent. */
  preferences?: SignUpPreferences
}

export type RegistrationOutcome =
  | { status: 'created'; resident: Resident; confirmationSent: boolean }
  | { status: 'already_registered' }

export const CONFIRMATION_LIFETIME_HOURS = 48

function isUniqueViolation(error: unknown) {
  const code = (error as { code?: string } | null)?.code
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE'
}

/**
 * Registers a resident who must then confirm before any alert reaches them:
 * by the emailed link (double opt-in) when they gave an email address, and
 * otherwise by a code sent to their mobile once a text message channel
 * exists. Whether or not a contact is already registered, the caller gets
 * the same answer, so the form cannot be used to find out who is signed up.
 */
export default class ResidentRegistration {
  static async register(input: RegistrationInput): Promise<RegistrationOutcome> {
    const email = input.email?.toLowerCase() ?? null
    const phone = input.phone ?? null
    const existing = await this.#existingOwners(email, phone)
    if (existing.length) {
      for (const resident of existing) await this.#notifyExistingOwner(resident)
      return { status: 'already_registered' }
    }

    const point = input.location.how === 'ward' ? null : input.location
    let created: { resident: Resident; secret: string | null }
    try {
      created = await db.transaction(async (trx) => {
        const resident = await Resident.create(
          {
            name: input.name,
            email,
            phone,
            landline: input.landline ?? null,
            postcode: point?.how === 'postcode' ? point.postcode : null,
            lat: point?.lat ?? null,
            lng: point?.lng ?? null,
            status: 'pending',
            source: input.source ?? 'web',
            referral: input.referral ?? null,
            registeredByUserId: input.registeredByUserId ?? null,
            knownToOfficer: input.knownToOfficer ?? false,
            communityInfluencer: input.communityInfluencer ?? false,
            language: input.language ?? 'en',
            priorityThreshold: input.preferences?.priorityThreshold ?? DEFAULT_PRIORITY_THRESHOLD,
          },
          { client: trx }
        )
        await resident.related('areas').attach(
          input.areas.map((area) => area.id),
          trx
        )
        if (input.preferences) await SignUpChoices.save(resident.id, input.preferences, trx)
        if (input.organisationIds.length > 0) {
          await trx.table('requested_consents').insert(
            [...new Set(input.organisationIds)].map((organisationId) => ({
              resident_id: resident.id,
              organisation_id: organisationId,
              created_at: sqlTime(),
            }))
          )
        }
        const secret = email
          ? await ResidentTokens.issue(
              resident.id,
              'confirm_email',
              CONFIRMATION_LIFETIME_HOURS,
              trx
            )
          : null
        return { resident, secret }
      })
    } catch (error) {
      // Someone else registered the same address or number a moment ago.
      if (isUniqueViolation(error)) return { status: 'already_registered' }
      throw error
    }

    if (email && created.secret) {
      await TransactionalMail.queue(
        email,
        'Confirm your local alerts',
        'confirm_subscription',
        {
          name: input.name,
          confirmUrl: signUpLinks.confirmation(created.secret),
          areaName: AreaPlacement.describe(input.areas),
          lifetimeHours: CONFIRMATION_LIFETIME_HOURS,
        },
        { language: input.language }
      )
    }
    return { status: 'created', resident: created.resident, confirmationSent: email !== null }
  }

  static async #existingOwners(email: string | null, phone: string | null) {
    if (!email && !phone) return []
    return Resident.query().where((query) => {
      if (email) query.orWhere('email', email)
      if (phone) query.orWhere('phone', phone)
    })
  }

  /** Owners are told by email; an owner known only by a mobile number hears nothing until texts exist. */
  static async #notifyExistingOwner(resident: Resident) {
    if (!resident.email) return
    if (resident.status !== 'active') {
      const secret = await ResidentTokens.issue(
        resident.id,
        'confirm_email',
        CONFIRMATION_LIFETIME_HOURS
      )
      await TransactionalMail.queue(
        resident.email,
        'Confirm your local alerts',
        'confirm_subscription',
        {
          name: resident.name,
          confirmUrl: signUpLinks.confirmation(secret),
          areaName: null,
          lifetimeHours: CONFIRMATION_LIFETIME_HOURS,
        },
        { language: resident.language }
      )
      return
    }
    await TransactionalMail.queue(
      resident.email,
      'Someone tried to sign you up for local alerts',
      'already_registered',
      {
        name: resident.name,
      },
      { language: resident.language }
    )
  }
}
