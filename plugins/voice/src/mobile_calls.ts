import type { HttpContext } from '@adonisjs/core/http'
import type { ResidentContacts } from '#contracts/contacts'
import type { ResidentLookup } from '#contracts/residents'
import type { ResidentScope } from '#contracts/resident_pages'

/**
 * A resident's choice to have alerts read out in a call to their mobile,
 * kept as a contact of the plugin's own kind holding the mobile number they
 * chose it for: the channel declares this kind, not `mobile`, so that the
 * audience counts and picks only residents who chose calls (and those with
 * a landline). A changed mobile is not called until chosen again.
 */
export const MOBILE_CALLS_KIND = 'voice_mobile'

export const PREFERENCES = '/my-alerts/account'

/** "+447700900123" as residents write it: "07700 900123". */
export function displayed(number: string) {
  return /^\+44\d{10}$/.test(number) ? `0${number.slice(3, 7)} ${number.slice(7)}` : number
}

export class MobileCalls {
  constructor(
    private contacts: ResidentContacts,
    private residents: ResidentLookup
  ) {}

  /** What the preferences section shows: offered only to a verified mobile without a landline. */
  async section(residentId: number) {
    const numbers = await this.residents.numbersOf(residentId)
    if (!numbers.mobile || numbers.landline) return { offered: false, chosen: false, mobile: '' }
    const chosen = await this.contacts.list(residentId, { kind: MOBILE_CALLS_KIND })
    return {
      offered: true,
      chosen: chosen.some((contact) => contact.value === numbers.mobile),
      mobile: displayed(numbers.mobile),
    }
  }

  async choose(residentId: number, wanted: boolean) {
    const numbers = await this.residents.numbersOf(residentId)
    const earlier = await this.contacts.list(residentId, {
      kind: MOBILE_CALLS_KIND,
      includeInvalid: true,
    })
    // One choice, for the current mobile: an earlier number's goes.
    for (const contact of earlier) {
      if (!wanted || contact.value !== numbers.mobile) await this.contacts.remove(contact.id)
    }
    if (wanted && numbers.mobile) {
      await this.contacts.add({
        residentId,
        kind: MOBILE_CALLS_KIND,
        value: numbers.mobile,
        label: 'Phone calls to this mobile',
      })
    }
  }

  /** The mobiles these residents chose calls for, by resident. */
  async chosenFor(residentIds: number[]) {
    const chosen = new Map<number, Set<string>>()
    const ids = residentIds.filter((id) => id > 0)
    if (ids.length === 0) return chosen
    const contacts = await this.contacts.listFor(ids, { kind: MOBILE_CALLS_KIND })
    for (const [residentId, list] of contacts) {
      chosen.set(residentId, new Set(list.map((contact) => contact.value)))
    }
    return chosen
  }

  /** POST /my-alerts/plugins/voice/mobile-calls: the preferences section's form (no JavaScript needed). */
  handler() {
    return async ({ request, response, session }: HttpContext, resident: ResidentScope) => {
      const answer = request.input('mobile_calls')
      if (answer !== 'yes' && answer !== 'no') {
        session.flash(
          'error',
          'Choose whether you want alerts read out in a phone call to your mobile.'
        )
        return response.redirect(`${PREFERENCES}#voice-mobile-calls`)
      }
      const { offered } = await this.section(resident.residentId)
      if (answer === 'yes' && !offered) {
        session.flash(
          'error',
          'Phone calls to your mobile need a verified mobile number, and no landline. Add or verify your mobile first.'
        )
        return response.redirect(`${PREFERENCES}#voice-mobile-calls`)
      }
      await this.choose(resident.residentId, answer === 'yes')
      session.flash(
        'success',
        answer === 'yes'
          ? 'Alerts will now be read out in a phone call to your mobile.'
          : 'You will not get phone calls to your mobile.'
      )
      return response.redirect(`${PREFERENCES}#voice-mobile-calls`)
    }
  }
}
