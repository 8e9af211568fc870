import type { HttpContext } from '@adonisjs/core/http'
import { SCHEME_KINDS } from '#models/residents/scheme'
import PhoneNumbers from '#services/residents/contacts/phone_numbers'
import { PRIORITY_CHOICES } from '#services/residents/preferences/resident_preferences'
import { ABOUT_YOU_QUESTIONS } from '#services/residents/preferences/resident_demographics'
import SignUpChoices, {
  DEFAULT_PRIORITY_THRESHOLD,
} from '#services/residents/registration/sign_up_choices'
import SignUpJourney, {
  type Journey,
  type OptionalStep,
} from '#services/residents/registration/sign_up_journey'
import { refuseAnswer } from '#validators/residents/sign_up'
import {
  quietTimeChoiceValidator,
  quietTimeValidator,
  signUpChannelsValidator,
} from '#validators/residents/sign_up_choices'
import {
  aboutYouValidator,
  interestsValidator,
  priorityThresholdValidator,
  schemesValidator,
} from '#validators/residents/self_service'

type Context = Pick<HttpContext, 'session' | 'response'>

/**
 * The optional sign-up questions, one a page: topics, watch schemes, how
 * they get alerts, the lowest priority, quiet time and "About you". "Skip this question"
 * keeps the default and moves on, so no question stands in anyone's way.
 */
export default class SignUpChoicesController {
  async topics({ view, session, response }: HttpContext) {
    const journey = await this.#asking('topics', { session, response })
    if (!journey) return
    return view.render('pages/sign_up/topics', {
      interests: await SignUpChoices.interests(),
      chosenIds: journey.interestIds ?? [],
      backUrl: journey.backUrl,
    })
  }

  async storeTopics({ request, session, response }: HttpContext) {
    if (this.#skipped(request)) return this.#answer({ interestIds: [] }, { session, response })
    const { interestIds } = await request.validateUsing(interestsValidator)
    return this.#answer({ interestIds: (interestIds ?? []).map(Number) }, { session, response })
  }

  async schemes({ view, session, response }: HttpContext) {
    const journey = await this.#asking('schemes', { session, response })
    if (!journey) return
    return view.render('pages/sign_up/schemes', {
      schemes: await SignUpChoices.schemes(journey.areaIds ?? []),
      chosenIds: journey.schemeIds ?? [],
      kinds: SCHEME_KINDS,
      backUrl: journey.backUrl,
    })
  }

  async storeSchemes({ request, session, response }: HttpContext) {
    if (this.#skipped(request)) return this.#answer({ schemeIds: [] }, { session, response })
    const { schemeIds } = await request.validateUsing(schemesValidator)
    const chosen = (schemeIds ?? []).map(Number)
    const nearby = await SignUpChoices.schemes(SignUpJourney.read(session).areaIds ?? [])
    if (chosen.some((id) => !nearby.some((scheme) => scheme.id === id))) {
      throw refuseAnswer('schemeIds', 'Choose schemes from the list')
    }
    return this.#answer({ schemeIds: chosen }, { session, response })
  }

  async channels({ view, session, response }: HttpContext) {
    const journey = await this.#asking('channels', { session, response })
    if (!journey) return
    const contact = journey.contact!
    const addresses: Record<string, string | null> = {
      email: contact.email,
      mobile: PhoneNumbers.display(contact.mobile),
      landline: PhoneNumbers.display(contact.landline),
    }
    return view.render('pages/sign_up/channels', {
      channels: SignUpChoices.channels(contact).map((channel) => ({
        id: channel.id,
        label: channel.label,
        to: [channel.contact]
          .flat()
          .map((kind) => addresses[kind])
          .filter(Boolean)
          .join(' or '),
      })),
      declined: journey.declinedChannels ?? [],
      backUrl: journey.backUrl,
    })
  }

  async storeChannels({ request, session, response }: HttpContext) {
    if (this.#skipped(request)) return this.#answer({ declinedChannels: [] }, { session, response })
    const { channelIds } = await request.validateUsing(signUpChannelsValidator)
    const contact = SignUpJourney.read(session).contact
    const offered = contact ? SignUpChoices.channels(contact).map((channel) => channel.id) : []
    if (channelIds.some((id) => !offered.includes(id))) {
      throw refuseAnswer('channelIds', 'Choose from the list')
    }
    const declinedChannels = offered.filter((id) => !channelIds.includes(id))
    return this.#answer({ declinedChannels }, { session, response })
  }

  async priority({ view, session, response }: HttpContext) {
    const journey = await this.#asking('priority', { session, response })
    if (!journey) return
    return view.render('pages/sign_up/priority', {
      choices: PRIORITY_CHOICES,
      current: journey.priorityThreshold ?? null,
      backUrl: journey.backUrl,
    })
  }

  async storePriority({ request, session, response }: HttpContext) {
    if (this.#skipped(request)) {
      return this.#answer({ priorityThreshold: DEFAULT_PRIORITY_THRESHOLD }, { session, response })
    }
    const { priorityThreshold } = await request.validateUsing(priorityThresholdValidator)
    return this.#answer({ priorityThreshold }, { session, response })
  }

  async quietTime({ view, session, response }: HttpContext) {
    const journey = await this.#asking('quiet_time', { session, response })
    if (!journey) return
    return view.render('pages/sign_up/quiet_time', {
      answered: journey.quietTime !== undefined,
      quietTime: journey.quietTime ?? null,
      backUrl: journey.backUrl,
    })
  }

  async storeQuietTime({ request, session, response }: HttpContext) {
    if (this.#skipped(request)) return this.#answer({ quietTime: null }, { session, response })
    const { wantsQuietTime } = await request.validateUsing(quietTimeChoiceValidator)
    if (wantsQuietTime === 'no') return this.#answer({ quietTime: null }, { session, response })
    const times = await request.validateUsing(quietTimeValidator)
    const quietTime = {
      from: times.quietFrom,
      to: times.quietTo,
      emergencyOverride: times.emergencyOverride ?? false,
    }
    return this.#answer({ quietTime }, { session, response })
  }

  async aboutYou({ view, session, response }: HttpContext) {
    const journey = await this.#asking('about_you', { session, response })
    if (!journey) return
    return view.render('pages/sign_up/about_you', {
      answers: journey.aboutYou ?? null,
      questions: ABOUT_YOU_QUESTIONS,
      backUrl: journey.backUrl,
    })
  }

  async storeAboutYou({ request, session, response }: HttpContext) {
    if (this.#skipped(request)) return this.#answer({ aboutYou: null }, { session, response })
    const answers = await request.validateUsing(aboutYouValidator)
    return this.#answer({ aboutYou: answers }, { session, response })
  }

  /** "Skip this question" is a second submit button, so skipping works without JavaScript. */
  #skipped(request: HttpContext['request']) {
    return request.input('skip') !== undefined
  }

  /**
   * The journey, when this question is the one to show: asked before it
   * was reached (or when there is nothing to choose) it sends the resident
   * to the question they are on.
   */
  async #asking(step: OptionalStep, { session, response }: Context) {
    const journey = SignUpJourney.read(session)
    const asked = await SignUpChoices.asked(journey)
    const next = SignUpJourney.next(journey, asked)
    const reachable = journey.location && journey.contact && asked.has(step)
    if (!reachable) {
      response.redirect().toPath(SignUpJourney.path(next, journey))
      return null
    }
    return { ...journey, backUrl: SignUpJourney.path(SignUpJourney.previous(step, asked), journey) }
  }

  async #answer(answer: Partial<Journey>, { session, response }: Context) {
    const before = SignUpJourney.read(session)
    if (!before.location || !before.contact) {
      return response
        .redirect()
        .toPath(SignUpJourney.path(before.location ? 'contact' : 'location', before))
    }
    const journey = { ...before, ...answer }
    SignUpJourney.save(session, journey)
    const next = SignUpJourney.next(journey, await SignUpChoices.asked(journey))
    return response.redirect().toPath(SignUpJourney.path(next, journey))
  }
}
