import type { HttpContext } from '@adonisjs/core/http'
import AuditLogger from '#services/platform/audit/audit_logger'
import ContactChanges, {
  CONTACT_LABELS,
  shownValue,
} from '#services/residents/contacts/contact_changes'

/**
 * The link a resident gets to confirm a new email address or phone number.
 * It opens a page with a button, and only the button confirms: mail scanners
 * that follow links must not change anyone's details.
 */
export default class ContactChangesController {
  async show({ params, view, response }: HttpContext) {
    const { state, change } = await ContactChanges.inspect(params.token)
    if (state !== 'ready') response.status(state === 'invalid' ? 404 : 410)
    return this.#render(view, state, params.token, change)
  }

  async store(ctx: HttpContext) {
    const { params, view, response } = ctx
    const result = await ContactChanges.confirm(params.token)
    if (result.state === 'confirmed') {
      await AuditLogger.record(ctx, {
        action: 'resident.contact_change_confirmed',
        userId: null,
        organisationId: result.change.organisationId,
        subjectType: 'resident',
        subjectId: result.change.residentId,
        details: { field: result.change.field },
      })
    } else {
      response.status(result.state === 'invalid' ? 404 : result.state === 'taken' ? 409 : 410)
    }
    return this.#render(view, result.state, params.token, result.change)
  }

  #render(
    view: HttpContext['view'],
    outcome: string,
    token: string,
    change?: { field: keyof typeof CONTACT_LABELS; newValue: string }
  ) {
    return view.render('pages/self_service/confirm_contact_change', {
      outcome,
      token,
      what: change ? CONTACT_LABELS[change.field] : null,
      newValue: change ? shownValue(change.field, change.newValue) : null,
    })
  }
}
