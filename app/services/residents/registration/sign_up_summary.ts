import type Area from '#models/areas/area'
import Organisation from '#models/platform/organisation'
import { PRIORITIES } from '#contracts/priority'
import { PRIORITY_EXPLANATIONS } from '#services/residents/preferences/resident_preferences'
import SignUpChoices from '#services/residents/registration/sign_up_choices'
import { aboutYouLabel } from '#services/residents/preferences/resident_demographics'
import SignUpJourney, {
  type Journey,
  type OptionalStep,
} from '#services/residents/registration/sign_up_journey'

/** One row of the check page: the answer in words, and where to change it. */
export interface AnswerRow {
  id: string
  key: string
  /** Each item on a line of its own; empty shows `none`. */
  items: string[]
  none: string
  hint?: string
  changeUrl: string
  /** Read by screen readers after "Change". */
  changeHidden: string
}

/**
 * Words in the page's language: the English here, or a translation of it
 * ("sign_up.summary.<key>" in resources/lang, with the same data).
 */
export type SummaryWords = (key: string, english: string, data?: Record<string, unknown>) => string

const inEnglish: SummaryWords = (_key, english) => english

/** The optional answers in words, for the check page and the page after it. */
export default class SignUpSummary {
  static async describe(
    journey: Journey,
    areas: Area[],
    asked: ReadonlySet<OptionalStep>,
    say: SummaryWords = inEnglish
  ) {
    const choices = await SignUpChoices.current(
      journey,
      areas.map((area) => area.id)
    )
    const rows: AnswerRow[] = []
    const url = (step: OptionalStep) => SignUpJourney.path(step, journey)
    if (asked.has('topics')) {
      const interests = await SignUpChoices.interests().whereIn('id', choices.interestIds)
      rows.push({
        id: 'topics',
        key: say('topics.key', 'Topics'),
        items: interests.map((interest) => interest.name),
        none: say('topics.none', 'None chosen'),
        changeUrl: url('topics'),
        changeHidden: say('topics.hidden', 'your topics'),
      })
    }
    if (asked.has('schemes')) {
      const schemes = await SignUpChoices.schemes(areas.map((area) => area.id)).whereIn(
        'id',
        choices.schemeIds
      )
      rows.push({
        id: 'schemes',
        key: say('schemes.key', 'Watch schemes'),
        items: schemes.map((scheme) => scheme.name),
        none: say('none', 'None'),
        // Ticking a scheme asks to join it (SchemeJoinRequests): membership waits on its coordinator.
        hint: schemes.length
          ? say('schemes.pending', 'The scheme’s coordinator will confirm you are a member.')
          : undefined,
        changeUrl: url('schemes'),
        changeHidden: say('schemes.hidden', 'your watch schemes'),
      })
    }
    if (asked.has('channels') && journey.contact) {
      const kept = SignUpChoices.channels(journey.contact).filter(
        (channel) => !choices.declinedChannels.includes(channel.id)
      )
      rows.push({
        id: 'channels',
        key: say('channels.key', 'How you get alerts'),
        items: kept.map((channel) => channel.label),
        none: say('none', 'None'),
        changeUrl: url('channels'),
        changeHidden: say('channels.hidden', 'how you get alerts'),
      })
    }
    const threshold = choices.priorityThreshold
    rows.push({
      id: 'priority',
      key: say('priority.key', 'Lowest priority'),
      items: [`${threshold} – ${say(`priority.${threshold}`, PRIORITIES[threshold])}`],
      none: '',
      hint: say(`priority.${threshold}_explanation`, PRIORITY_EXPLANATIONS[threshold]),
      changeUrl: url('priority'),
      changeHidden: say('priority.hidden', 'the lowest priority'),
    })
    const quiet = choices.quietTime
    rows.push({
      id: 'quiet-time',
      key: say('quiet_time.key', 'Quiet time'),
      items: quiet
        ? [
            say('quiet_time.from_to', `From ${quiet.from} to ${quiet.to}`, {
              from: quiet.from,
              to: quiet.to,
            }),
          ]
        : [],
      none: say('quiet_time.none', 'None: alerts can come at any time'),
      hint: quiet
        ? quiet.emergencyOverride
          ? say('quiet_time.emergencies', 'Emergencies still come during your quiet time.')
          : say('quiet_time.nothing', 'Nothing comes during your quiet time, not even emergencies.')
        : undefined,
      changeUrl: url('quiet_time'),
      changeHidden: say('quiet_time.hidden', 'your quiet time'),
    })
    if (asked.has('about_you')) {
      const about = choices.aboutYou ?? {}
      const fields = ['ageBand', 'sex', 'ethnicity', 'disability', 'mainLanguage'] as const
      rows.push({
        id: 'about-you',
        key: say('about_you.key', 'About you'),
        items: fields
          .map((field) => aboutYouLabel(field, about[field] ?? null))
          .filter((label): label is string => label !== null),
        none: say('about_you.none', 'Not given'),
        hint: say(
          'about_you.hint',
          'Used only in aggregate, to see whether alerts reach the whole community.'
        ),
        changeUrl: url('about_you'),
        changeHidden: say('about_you.hidden', 'your answers about you'),
      })
    }
    return rows
  }

  static async organisationNames(ids: number[]) {
    const organisations = await Organisation.query().whereIn('id', ids).orderBy('name')
    return organisations.map((organisation) => organisation.name)
  }
}
