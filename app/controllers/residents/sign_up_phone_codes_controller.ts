import type { HttpContext } from '@adonisjs/core/http'
import PhoneNumbers from '#services/residents/contacts/phone_numbers'
import { CODE_VALID_MINUTES } from '#services/residents/contacts/contact_verification'
import {
  codeRefusal,
  sendRefusal,
  NUMBER_WORDS,
} from '#services/residents/contacts/verification_wording'
import SignUpPhoneCode from '#services/residents/registration/sign_up_phone_code'

/**
 * The last step of a sign-up by phone alone: the resident types back the
 * code sent to their number, and their alerts start.
 */
export default class SignUpPhoneCodesController {
  async show({ view, session, response }: HttpContext) {
    const pending = SignUpPhoneCode.pending(session)
    if (!pending) return response.redirect().toRoute('signups.create')
    return view.render('pages/sign_up/phone_code', {
      kind: pending.kind,
      words: NUMBER_WORDS[pending.kind],
      number: PhoneNumbers.display(pending.number),
      validMinutes: CODE_VALID_MINUTES,
    })
  }

  async store({ request, session, response }: HttpContext) {
    const pending = SignUpPhoneCode.pending(session)
    if (!pending) return response.redirect().toRoute('signups.create')
    const result = await SignUpPhoneCode.check(session, String(request.input('code') ?? ''))
    if (result.state !== 'verified') {
      session.flash('inputErrorsBag', { code: [codeRefusal(pending.kind, result)] })
      return response.redirect().toRoute('signups.phone_code')
    }
    SignUpPhoneCode.forget(session)
    session.flash('signUpVerified', PhoneNumbers.display(result.number))
    session.flash('signUpOrganisations', pending.organisations)
    return response.redirect().toRoute('signups.check_email')
  }

  async resend({ session, response }: HttpContext) {
    const pending = SignUpPhoneCode.pending(session)
    if (!pending) return response.redirect().toRoute('signups.create')
    const state = await SignUpPhoneCode.resend(session)
    if (state === 'sent') {
      session.flash(
        'success',
        `We have sent a new code to ${PhoneNumbers.display(pending.number)}.`
      )
    } else {
      session.flash('inputErrorsBag', { code: [sendRefusal(pending.kind, state)] })
    }
    return response.redirect().toRoute('signups.phone_code')
  }
}
