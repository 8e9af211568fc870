import type { HttpContext } from '@adonisjs/core/http'
import Resident from '#models/residents/resident'
import PhoneNumbers from '#services/residents/contacts/phone_numbers'
import ContactVerification, {
  type CheckResult,
  CODE_VALID_MINUTES,
} from '#services/residents/contacts/contact_verification'
import { codeRefusal } from '#services/residents/contacts/verification_wording'

/** What the doorstep sign-up left for this step, in the officer's session. */
export interface DoorstepCode {
  /** Null when the household was already signed up: no code was sent, and nothing says so. */
  residentId: number | null
  number: string
  name: string
  /** When the code was (or, for a household already signed up, seemed to be) sent; epoch ms. */
  sentAt: number
  /** Codes typed for a household already signed up, counted as a real code's tries are. */
  attempts: number
}

export const DOORSTEP_CODE = 'doorstep_code'

/**
 * On the doorstep, the resident reads out the code their mobile received and
 * the officer types it: the number is then verified (and a household
 * without email starts getting alerts). A household that was already signed
 * up gets the same page, so the officer learns nothing from it.
 */
export default class DoorstepVerificationsController {
  async show({ view, session, response, membership, bouncer }: HttpContext) {
    await bouncer.with('ResidentPolicy').authorize('register', membership.organisationId)
    const pending = session.get(DOORSTEP_CODE) as DoorstepCode | undefined
    if (!pending) return response.redirect().toRoute('doorstep.create')
    return view.render('pages/staff/doorstep/verify', {
      name: pending.name,
      number: PhoneNumbers.display(pending.number),
      validMinutes: CODE_VALID_MINUTES,
    })
  }

  async store({ request, session, response, membership, bouncer }: HttpContext) {
    await bouncer.with('ResidentPolicy').authorize('register', membership.organisationId)
    const pending = session.get(DOORSTEP_CODE) as DoorstepCode | undefined
    if (!pending) return response.redirect().toRoute('doorstep.create')
    const code = String(request.input('code') ?? '')
    const resident = pending.residentId ? await Resident.find(pending.residentId) : null
    let result: CheckResult
    if (resident) {
      result = await ContactVerification.check(resident, 'mobile', code)
    } else {
      // No code exists: the answers run out and expire exactly as a real code's would.
      result = ContactVerification.checkWithoutCode(pending)
      session.put(DOORSTEP_CODE, { ...pending, attempts: pending.attempts + 1 })
    }
    if (result.state === 'verified') {
      session.forget(DOORSTEP_CODE)
      session.flash(
        'success',
        result.activated
          ? `${pending.name}’s mobile number is verified. Their alerts start now.`
          : `${pending.name}’s mobile number is verified.`
      )
      return response.redirect().toRoute('doorstep.create')
    }
    session.flash('inputErrorsBag', { code: [codeRefusal('mobile', result)] })
    return response.redirect().toRoute('doorstep.verify')
  }
}
