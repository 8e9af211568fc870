import type { HttpContext } from '@adonisjs/core/http'
import AreaDirectory from '#services/areas/area_directory'
import WardFinder from '#services/areas/ward_finder'
import AreaPlacement, { type ChosenLocation } from '#services/areas/area_placement'
import PhoneNumbers from '#services/residents/contacts/phone_numbers'
import SignUpConsents from '#services/residents/registration/sign_up_consents'
import PostcodeLookup from '#services/areas/postcode_lookup'
import ResidentLanguages from '#services/residents/preferences/resident_languages'
import ServiceLanguage from '#services/residents/self_service/service_language'
import ResidentRegistration from '#services/residents/registration/resident_registration'
import SignUpChoices from '#services/residents/registration/sign_up_choices'
import SignUpJourney, { type Journey } from '#services/residents/registration/sign_up_journey'
import SignUpSummary from '#services/residents/registration/sign_up_summary'
import SignUpPhoneCode from '#services/residents/registration/sign_up_phone_code'
import SignUpReferral from '#services/residents/registration/sign_up_referral'
import {
  contactValidator,
  mapPointValidator,
  placementMessages,
  postcodeValidator,
  refuseAnswer,
  signUpOrganisationsValidator,
  wardValidator,
} from '#validators/residents/sign_up'

/**
 * The resident sign-up, one question per page: where they live (by
 * postcode, on a map or from the ward list), how to reach them, then the
 * optional questions (SignUpChoicesController) and which organisations may
 * contact them, then a check of their answers before anything is saved.
 */
export default class SignUpsController {
  async create({ request, view, session }: HttpContext) {
    // A new install before its boundaries are imported: say so rather than show a form that cannot work.
    if (!(await AreaDirectory.any())) return view.render('pages/sign_up/opens_soon')
    const journey = SignUpJourney.read(session)
    const cameThrough = await SignUpConsents.cameThrough(request.input('organisation'))
    if (cameThrough) SignUpJourney.save(session, { ...journey, cameThrough })
    const { location } = journey
    return view.render('pages/sign_up/postcode', {
      postcode: location?.how === 'postcode' ? location.postcode : '',
      examplePostcode: await PostcodeLookup.example(),
    })
  }

  async storePostcode({ request, response, session }: HttpContext) {
    const { postcode } = await request.validateUsing(postcodeValidator)
    const placement = await AreaPlacement.byPostcode(postcode)
    if (!placement.placed) {
      throw refuseAnswer('postcode', placementMessages.postcode[placement.refusal]!)
    }
    return this.#locationChosen(placement, { response, session })
  }

  async map({ view, session, response }: HttpContext) {
    if (!(await AreaDirectory.any())) return response.redirect().toRoute('signups.create')
    const { location } = SignUpJourney.read(session)
    return view.render('pages/sign_up/map', { point: location?.how === 'map' ? location : null })
  }

  async storeMap({ request, response, session }: HttpContext) {
    const { lat, lng } = await request.validateUsing(mapPointValidator)
    const placement = await AreaPlacement.place({ how: 'map', lat, lng: lng! })
    if (!placement.placed) throw refuseAnswer('lat', placementMessages.map.outside_areas!)
    return this.#locationChosen(placement, { response, session })
  }

  /** The ward list: searched by name, or a district then its wards (JSON for the type-ahead). */
  async ward({ view, session, request, response }: HttpContext) {
    if (!(await AreaDirectory.any())) return response.redirect().toRoute('signups.create')
    const { location } = SignUpJourney.read(session)
    const wardId = location?.how === 'ward' ? location.wardId : null
    const finder = new WardFinder(await AreaDirectory.choices())
    const { q, district } = request.qs()
    const finding = finder.find({
      query: typeof q === 'string' ? q : undefined,
      // A district that is not a number is one that does not exist (-1), not "none chosen".
      districtId: district
        ? /^\d{1,9}$/.test(String(district))
          ? Number(district)
          : -1
        : undefined,
      wardId,
    })
    if (request.accepts(['html', 'json']) === 'json') return finding
    return view.render('pages/sign_up/ward', {
      finding,
      districts: finder.districtOptions(),
      wardId,
    })
  }

  async storeWard({ request, response, session }: HttpContext) {
    const { wardId } = await request.validateUsing(wardValidator)
    const placement = await AreaPlacement.place({ how: 'ward', wardId })
    // The validator found the ward a moment ago: only a re-import in between refuses it.
    if (!placement.placed)
      throw refuseAnswer('wardId', 'Choose the ward where you live from the list')
    return this.#locationChosen(placement, { response, session })
  }

  async contact({ view, session, response }: HttpContext) {
    const journey = SignUpJourney.read(session)
    if (!journey.location) return response.redirect().toRoute('signups.create')
    return view.render('pages/sign_up/contact', {
      saved: journey.contact ?? null,
      backUrl: this.#locationStep(journey.location),
      mobileDisplay: PhoneNumbers.display(journey.contact?.mobile),
      landlineDisplay: PhoneNumbers.display(journey.contact?.landline),
      languages: await this.#languagesOffered(),
    })
  }

  async storeContact({ request, response, session }: HttpContext) {
    const journey = SignUpJourney.read(session)
    if (!journey.location) return response.redirect().toRoute('signups.create')
    const payload = await request.validateUsing(contactValidator)
    const language = await this.#chosenLanguage(request.input('language'))
    SignUpJourney.save(session, {
      ...journey,
      contact: {
        name: payload.name,
        email: payload.email ?? null,
        mobile: payload.mobile ?? null,
        landline: payload.landline ?? null,
        language,
      },
    })
    return this.#toNext(response, SignUpJourney.read(session))
  }

  /** Which organisations may contact them: asked only when more than one shares the install. */
  async organisations({ view, session, response }: HttpContext) {
    const journey = SignUpJourney.read(session)
    if (!journey.location) return response.redirect().toRoute('signups.create')
    if (!journey.contact) return response.redirect().toRoute('signups.contact')
    const offered = await SignUpConsents.offered()
    const asked = await SignUpChoices.asked(journey)
    // Opened directly with no choice to make (one organisation, or every one suspended): move on.
    if (offered.length < 2) return this.#toNext(response, journey)
    return view.render('pages/sign_up/organisations', {
      organisations: offered,
      ticked: SignUpConsents.ticked(journey.organisationIds, journey.cameThrough),
      backUrl: SignUpJourney.path(SignUpJourney.previous('organisations', asked), journey),
    })
  }

  async storeOrganisations({ request, response, session }: HttpContext) {
    const journey = SignUpJourney.read(session)
    if (!journey.contact) return response.redirect().toRoute('signups.contact')
    const { organisationIds } = await request.validateUsing(signUpOrganisationsValidator)
    const agreed = SignUpConsents.agreed(await SignUpConsents.offered(), organisationIds)
    if (!agreed) throw refuseAnswer('organisationIds', 'Select organisations from the list')
    const answered = { ...journey, organisationIds: agreed }
    SignUpJourney.save(session, answered)
    return this.#toNext(response, answered)
  }

  async check({ view, session, response, i18n }: HttpContext) {
    const journey = SignUpJourney.read(session)
    const asked = await SignUpChoices.asked(journey)
    const next = SignUpJourney.next(journey, asked)
    if (next !== 'check') return response.redirect().toPath(SignUpJourney.path(next, journey))
    const { location, contact } = journey as Required<typeof journey>
    const placement = await AreaPlacement.place(location)
    if (!placement.placed) return response.redirect().toPath(this.#locationStep(location))
    const offered = await SignUpConsents.offered()
    const agreed = SignUpConsents.agreed(offered, journey.organisationIds)
    if (!agreed) return response.redirect().toRoute('signups.organisations')
    return view.render('pages/sign_up/check', {
      location,
      areas: AreaPlacement.describe(placement.areas),
      locationUrl: this.#locationStep(location),
      contact,
      mobile: PhoneNumbers.display(contact.mobile),
      landline: PhoneNumbers.display(contact.landline),
      organisations: offered.filter((organisation) => agreed.includes(organisation.id)),
      canChooseOrganisations: offered.length > 1,
      // Asked only while a translation plugin offers languages.
      language: contact.language ? await ResidentLanguages.describe(contact.language) : null,
      choices: await SignUpSummary.describe(
        journey,
        placement.areas,
        asked,
        (key, english, data) =>
          i18n.locale === 'en' ? english : i18n.t(`sign_up.summary.${key}`, data, english)
      ),
      codeByPhone: SignUpPhoneCode.canSend(contact),
      backUrl: SignUpJourney.path(SignUpJourney.previous('check', asked), journey),
    })
  }

  async store({ response, session, i18n }: HttpContext) {
    const journey = SignUpJourney.read(session)
    // Sent before a question was answered (an old tab, or the check page skipped): ask it.
    const next = SignUpJourney.next(journey, await SignUpChoices.asked(journey))
    if (next !== 'check') return response.redirect().toPath(SignUpJourney.path(next, journey))
    const { location, contact, organisationIds } = journey as Required<typeof journey>
    const agreed = SignUpConsents.agreed(await SignUpConsents.offered(), organisationIds)
    if (!agreed) return response.redirect().toRoute('signups.organisations')
    // Areas may have been re-imported since the resident answered.
    const placement = await AreaPlacement.place(location)
    if (!placement.placed) return response.redirect().toPath(this.#locationStep(location))

    const outcome = await ResidentRegistration.register({
      name: contact.name,
      email: contact.email,
      phone: contact.mobile,
      landline: contact.landline,
      location: placement.location,
      areas: placement.areas,
      source: 'web',
      organisationIds: agreed,
      // Signing up in Welsh asks for Welsh alerts too, unless another alert language was chosen.
      language: ServiceLanguage.forSignUp(i18n.locale, contact.language),
      referral: SignUpReferral.take(session),
      preferences: await SignUpChoices.current(
        journey,
        placement.areas.map((area) => area.id)
      ),
    })
    SignUpJourney.forget(session)
    const organisations = await SignUpSummary.organisationNames(agreed)
    if (await SignUpPhoneCode.start(session, outcome, contact, organisations)) {
      return response.redirect().toRoute('signups.phone_code')
    }
    if (contact.email) session.flash('signUpEmail', contact.email)
    else session.flash('signUpPhone', PhoneNumbers.display(contact.mobile ?? contact.landline))
    session.flash('signUpOrganisations', organisations)
    return response.redirect().toRoute('signups.check_email')
  }

  /** What happens next: confirming, what alerts will look like, and where to change them. */
  async checkEmail({ view, session }: HttpContext) {
    return view.render('pages/sign_up/check_email', {
      email: session.flashMessages.get('signUpEmail'),
      phone: session.flashMessages.get('signUpPhone'),
      verified: session.flashMessages.get('signUpVerified'),
      organisations: session.flashMessages.get('signUpOrganisations') ?? [],
    })
  }

  /** The languages to choose from, or null while the core's own list applies (no question then). */
  async #languagesOffered() {
    const { languages, fromPlugin } = await ResidentLanguages.offered()
    return fromPlugin ? languages : null
  }

  async #chosenLanguage(input: unknown) {
    if (!(await this.#languagesOffered())) return undefined
    if (input === undefined || input === null || input === '') return undefined
    if (typeof input !== 'string' || !(await ResidentLanguages.isOffered(input))) {
      throw refuseAnswer('language', 'Choose a language from the list')
    }
    return input
  }

  /** Changing where they live from the check page goes back to the check page. */
  async #locationChosen(
    placement: { location: ChosenLocation; areas: { id: number }[] },
    { response, session }: Pick<HttpContext, 'response' | 'session'>
  ) {
    const journey = {
      ...SignUpJourney.read(session),
      location: placement.location,
      areaIds: placement.areas.map((area) => area.id),
    }
    SignUpJourney.save(session, journey)
    return this.#toNext(response, journey)
  }

  /** On to the first question not yet answered, or back to the check page. */
  async #toNext(response: HttpContext['response'], journey: Journey) {
    const next = SignUpJourney.next(journey, await SignUpChoices.asked(journey))
    return response.redirect().toPath(SignUpJourney.path(next, journey))
  }

  #locationStep(location: ChosenLocation) {
    return { postcode: '/sign-up', map: '/sign-up/map', ward: '/sign-up/ward' }[location.how]
  }
}
