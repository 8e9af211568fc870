import type { HttpContext } from '@adonisjs/core/http'
import type { VerifiableContactKind } from '#contracts/verification'
import PhoneNumbers from '#services/residents/contacts/phone_numbers'
import ContactVerification, {
  CODE_VALID_MINUTES,
} from '#services/residents/contacts/contact_verification'
import {
  codeRefusal,
  numberRefusal,
  sendRefusal,
  NUMBER_WORDS,
} from '#services/residents/contacts/verification_wording'

function kindOf(param: string): VerifiableContactKind | null {
  return param === 'mobile' || param === 'landline' ? param : null
}

/**
 * A resident adds or changes a phone number, or verifies one staff entered:
 * the number is checked, a code is sent to it, and it goes on their record
 * once they type the code back (ContactVerification).
 */
export default class PhoneVerificationsController {
  async edit({ params, view, resident, response }: HttpContext) {
    const kind = kindOf(params.kind)
    if (!kind) return response.notFound(await view.render('pages/errors/not_found'))
    const current = kind === 'mobile' ? resident.phone : resident.landline
    return view.render('pages/self_service/phone_number', {
      kind,
      words: NUMBER_WORDS[kind],
      current: PhoneNumbers.display(current),
    })
  }

  async send({ params, request, view, resident, response, session }: HttpContext) {
    const kind = kindOf(params.kind)
    if (!kind) return response.notFound(await view.render('pages/errors/not_found'))
    const typed = String(request.input('number') ?? '')
    const checked = kind === 'mobile' ? PhoneNumbers.mobile(typed) : PhoneNumbers.landline(typed)
    const refuse = (message: string) => {
      session.flash('inputErrorsBag', { number: [message] })
      session.flashOnly(['number'])
      return response.redirect().back()
    }
    if (!checked.valid) return refuse(numberRefusal(kind, typed, checked.reason))
    const result = await ContactVerification.send(resident, kind, checked.e164)
    if (result.state !== 'sent') return refuse(sendRefusal(kind, result.state))
    return response.redirect(`/my-alerts/numbers/${kind}/code`)
  }

  async code({ params, view, resident, response }: HttpContext) {
    const kind = kindOf(params.kind)
    if (!kind) return response.notFound(await view.render('pages/errors/not_found'))
    const number = await ContactVerification.pendingNumber(resident.id, kind)
    if (!number) return response.redirect(`/my-alerts/numbers/${kind}`)
    return view.render('pages/self_service/phone_code', {
      kind,
      words: NUMBER_WORDS[kind],
      number: PhoneNumbers.display(number),
      validMinutes: CODE_VALID_MINUTES,
    })
  }

  async check({ params, request, view, resident, response, session }: HttpContext) {
    const kind = kindOf(params.kind)
    if (!kind) return response.notFound(await view.render('pages/errors/not_found'))
    const result = await ContactVerification.check(
      resident,
      kind,
      String(request.input('code') ?? '')
    )
    if (result.state === 'verified') {
      session.flash(
        'success',
        `Your ${NUMBER_WORDS[kind].noun} ${PhoneNumbers.display(result.number)} is verified. Alerts can now reach it.`
      )
      return response.redirect().toRoute('self_service.account')
    }
    const message = codeRefusal(kind, result)
    if (result.state === 'wrong') {
      session.flash('inputErrorsBag', { code: [message] })
      return response.redirect(`/my-alerts/numbers/${kind}/code`)
    }
    // The code is spent: the number's page asks for a new one.
    session.flash('inputErrorsBag', { number: [message] })
    return response.redirect(`/my-alerts/numbers/${kind}`)
  }
}
