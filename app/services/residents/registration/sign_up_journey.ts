import type { HttpContext } from '@adonisjs/core/http'
import type { ChosenLocation } from '#services/areas/area_placement'
import type { AboutYou } from '#services/residents/preferences/resident_demographics'

export interface ContactAnswers {
  name: string
  email: string | null
  mobile: string | null
  landline: string | null
  /** Asked only while a translation plugin offers languages; English otherwise. */
  language?: string
}

export interface QuietTime {
  /** "HH:MM" on the 24-hour clock, UK time. */
  from: string
  to: string
  /** Whether emergencies (priority 5) still come during the quiet time. */
  emergencyOverride: boolean
}

/**
 * The answers so far. Kept in the session, and nothing is saved until the
 * last step. An optional question left undefined has not been asked yet;
 * skipping it stores its default, so the journey moves on.
 */
export interface Journey {
  location?: ChosenLocation
  /** The areas the location placed them in, for offering the watch schemes near them. */
  areaIds?: number[]
  contact?: ContactAnswers
  /** The organisation whose sign-up link they followed, ticked to begin with. */
  cameThrough?: number
  /** The organisations they ticked as allowed to contact them. */
  organisationIds?: number[]
  interestIds?: number[]
  schemeIds?: number[]
  /**
   * The channels they turned off. Every other channel their contacts allow
   * stays on, so a mobile number added later from the check page gets its
   * text messages without asking again.
   */
  declinedChannels?: string[]
  /** Null: no quiet time. */
  quietTime?: QuietTime | null
  priorityThreshold?: number
  /** The optional "About you" answers (special category data); null when skipped. */
  aboutYou?: AboutYou | null
}

/** The questions after "how can we contact you?", in the order they are asked. */
export const OPTIONAL_STEPS = [
  'topics',
  'schemes',
  'channels',
  'priority',
  'quiet_time',
  'about_you',
  'organisations',
] as const
export type OptionalStep = (typeof OPTIONAL_STEPS)[number]
export type SignUpStep = 'location' | 'contact' | OptionalStep | 'check'

const ANSWERED: Record<OptionalStep, (journey: Journey) => boolean> = {
  topics: (journey) => journey.interestIds !== undefined,
  schemes: (journey) => journey.schemeIds !== undefined,
  channels: (journey) => journey.declinedChannels !== undefined,
  priority: (journey) => journey.priorityThreshold !== undefined,
  quiet_time: (journey) => journey.quietTime !== undefined,
  about_you: (journey) => journey.aboutYou !== undefined,
  organisations: (journey) => journey.organisationIds !== undefined,
}

const PATHS: Record<Exclude<SignUpStep, 'location'>, string> = {
  contact: '/sign-up/contact',
  topics: '/sign-up/topics',
  schemes: '/sign-up/schemes',
  channels: '/sign-up/channels',
  priority: '/sign-up/priority',
  quiet_time: '/sign-up/quiet-time',
  about_you: '/sign-up/about-you',
  organisations: '/sign-up/organisations',
  check: '/sign-up/check',
}

const SESSION_KEY = 'signUp'

/**
 * The order of the sign-up's pages. Questions with nothing to choose from
 * (no watch scheme near them, one way to reach them, one organisation) are
 * not asked, and a change made from the check page returns to it.
 */
export default class SignUpJourney {
  static read(session: HttpContext['session']): Journey {
    return session.get(SESSION_KEY, {}) as Journey
  }

  static save(session: HttpContext['session'], journey: Journey) {
    session.put(SESSION_KEY, journey)
  }

  static forget(session: HttpContext['session']) {
    session.forget(SESSION_KEY)
  }

  /** The first question still to answer, or the check page. */
  static next(journey: Journey, asked: ReadonlySet<OptionalStep>): SignUpStep {
    if (!journey.location) return 'location'
    if (!journey.contact) return 'contact'
    return OPTIONAL_STEPS.find((step) => asked.has(step) && !ANSWERED[step](journey)) ?? 'check'
  }

  /** Where "Back" goes from a step: the question asked before it. */
  static previous(step: OptionalStep | 'check', asked: ReadonlySet<OptionalStep>): SignUpStep {
    const before =
      step === 'check' ? OPTIONAL_STEPS : OPTIONAL_STEPS.slice(0, OPTIONAL_STEPS.indexOf(step))
    return [...before].reverse().find((earlier) => asked.has(earlier)) ?? 'contact'
  }

  static path(step: SignUpStep, journey: Journey) {
    if (step !== 'location') return PATHS[step]
    const how = journey.location?.how ?? 'postcode'
    return { postcode: '/sign-up', map: '/sign-up/map', ward: '/sign-up/ward' }[how]
  }
}
