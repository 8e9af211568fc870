import { errors } from '@vinejs/vine'
import type { HttpContext } from '@adonisjs/core/http'
import type { ResidentContacts } from '#contracts/contacts'
import type { ResidentScope } from '#contracts/resident_pages'
import { subscriptionValidator, storedSubscription } from './subscription_value.js'
import { browserLabel, addedOn } from './browser_label.js'
import { PUSH_KIND } from './push_channel.js'

/** More browsers than anyone uses; beyond it, a script posting in a loop is refused. */
const MOST_BROWSERS = 20

/** The resident's browsers, as the preferences section lists them. */
export async function browsersOf(contacts: ResidentContacts, residentId: number) {
  const list = await contacts.list(residentId, { kind: PUSH_KIND })
  return list.map((contact) => ({
    id: contact.id,
    label: contact.label ?? 'A browser',
    added: addedOn(contact.createdAt),
  }))
}

/** POST /my-alerts/plugins/web-push/browsers: the opt-in script's subscription. */
export function addBrowser(contacts: ResidentContacts) {
  return async ({ request, response, session }: HttpContext, resident: ResidentScope) => {
    let subscription
    try {
      subscription = await subscriptionValidator.validate(request.body())
    } catch (error) {
      if (!(error instanceof errors.E_VALIDATION_ERROR)) throw error
      return response.unprocessableEntity({
        error:
          'Your browser sent a subscription this site cannot use. Try again, or use another browser.',
      })
    }
    const existing = await contacts.list(resident.residentId, { kind: PUSH_KIND })
    const value = storedSubscription(subscription)
    if (existing.length >= MOST_BROWSERS && !existing.some((contact) => contact.value === value)) {
      return response.unprocessableEntity({
        error: `You already get alerts in ${MOST_BROWSERS} browsers. Remove one you no longer use first.`,
      })
    }
    const contact = await contacts.add({
      residentId: resident.residentId,
      kind: PUSH_KIND,
      value,
      label: browserLabel(request.header('user-agent')),
    })
    // Shown when the script reloads the page.
    session.flash('success', `${contact.label ?? 'This browser'} will now get alerts.`)
    return response.created({ id: contact.id, label: contact.label })
  }
}

/** POST /my-alerts/plugins/web-push/browsers/:id/remove: works without JavaScript. */
export function removeBrowser(contacts: ResidentContacts) {
  return async ({ params, response, session }: HttpContext, resident: ResidentScope) => {
    const id = Number(params.id)
    const mine = await contacts.list(resident.residentId, { kind: PUSH_KIND, includeInvalid: true })
    const browser = mine.find((contact) => contact.id === id)
    if (!browser) return response.notFound('Not found')
    await contacts.remove(browser.id)
    session.flash('success', `${browser.label ?? 'The browser'} no longer gets alerts.`)
    return response.redirect('/my-alerts/account')
  }
}
