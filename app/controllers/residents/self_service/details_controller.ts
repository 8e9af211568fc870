import type { HttpContext } from '@adonisjs/core/http'
import AreaDirectory from '#services/areas/area_directory'
import AreaPlacement, { type ChosenLocation } from '#services/areas/area_placement'
import AuditLogger from '#services/platform/audit/audit_logger'
import ContactChanges from '#services/residents/contacts/contact_changes'
import ResidentDetails from '#services/residents/self_service/resident_details'
import {
  residentEmailValidator,
  residentHomeValidator,
  residentNameValidator,
} from '#validators/residents/resident_details'
import { placementMessages, refuseAnswer } from '#validators/residents/sign_up'

const MOVE_KEY = 'self_service.move'

/** A resident's own details: their name, email address and where they live. */
export default class DetailsController {
  async editName({ view, resident }: HttpContext) {
    return view.render('pages/self_service/name', { current: resident.name })
  }

  async updateName(ctx: HttpContext) {
    const { request, response, resident, session } = ctx
    const { name } = await request.validateUsing(residentNameValidator)
    await ResidentDetails.rename(resident, name)
    await this.#audit(ctx, 'resident.name_changed_by_resident', { fields: ['name'] })
    session.flash('success', 'Your name has been changed.')
    return response.redirect().toRoute('self_service.account')
  }

  async editEmail({ view, resident }: HttpContext) {
    const pending = await ContactChanges.pendingFor(resident.id)
    return view.render('pages/self_service/email', {
      current: resident.email,
      pending: pending.email ?? null,
    })
  }

  async updateEmail(ctx: HttpContext) {
    const { request, response, resident, session } = ctx
    const { email } = await request.validateUsing(residentEmailValidator)
    const outcome = await ResidentDetails.requestEmail(resident, email)
    if (outcome === 'unchanged') {
      session.flash('success', `${email} is already your email address. Nothing has changed.`)
    } else {
      await this.#audit(ctx, 'resident.email_change_requested_by_resident', { field: 'email' })
      session.flash(
        'success',
        `We have sent a link to ${email}. Open it to confirm the change: until then, your alerts still come to ${resident.email ?? 'your phone'}.`
      )
    }
    return response.redirect().toRoute('self_service.account')
  }

  async editHome({ view, resident }: HttpContext) {
    return view.render('pages/self_service/home', {
      now: await ResidentDetails.whereTheyLive(resident),
      districts: await AreaDirectory.districtsWithWards(),
    })
  }

  /** Places them first, and shows the areas that follow before anything changes. */
  async placeHome({ request, response, session }: HttpContext) {
    const answer = await request.validateUsing(residentHomeValidator)
    const placement =
      answer.findBy === 'postcode'
        ? await AreaPlacement.byPostcode(answer.postcode!)
        : await AreaPlacement.place({ how: 'ward', wardId: answer.wardId! })
    if (!placement.placed) {
      const field = answer.findBy === 'postcode' ? 'postcode' : 'wardId'
      throw refuseAnswer(
        field,
        placementMessages.postcode[placement.refusal] ??
          'Choose the ward where you live from the list'
      )
    }
    session.put(MOVE_KEY, placement.location)
    return response.redirect().toRoute('self_service.home.check')
  }

  async checkHome({ view, response, resident, session }: HttpContext) {
    const location = session.get(MOVE_KEY) as ChosenLocation | undefined
    if (!location) return response.redirect().toRoute('self_service.home.edit')
    const placement = await AreaPlacement.place(location)
    if (!placement.placed) return response.redirect().toRoute('self_service.home.edit')
    return view.render('pages/self_service/home_check', {
      now: await ResidentDetails.whereTheyLive(resident),
      next: AreaPlacement.describe(placement.areas),
      how:
        location.how === 'postcode'
          ? `from your postcode ${location.postcode}`
          : 'from the ward you chose',
    })
  }

  async moveHome(ctx: HttpContext) {
    const { response, resident, session } = ctx
    const location = session.get(MOVE_KEY) as ChosenLocation | undefined
    if (!location) return response.redirect().toRoute('self_service.home.edit')
    // Placed again now: the boundaries may have changed since the check.
    const placement = await AreaPlacement.place(location)
    if (!placement.placed) return response.redirect().toRoute('self_service.home.edit')
    await ResidentDetails.move(resident, placement.location, placement.areas)
    session.forget(MOVE_KEY)
    await this.#audit(ctx, 'resident.moved_by_resident', {
      areaIds: placement.areas.map((area) => area.id),
    })
    session.flash(
      'success',
      `Where you live has been changed. You get alerts for ${AreaPlacement.describe(placement.areas)}.`
    )
    return response.redirect().toRoute('self_service.account')
  }

  #audit(ctx: HttpContext, action: string, details: Record<string, unknown>) {
    return AuditLogger.record(ctx, {
      action,
      userId: null,
      subjectType: 'resident',
      subjectId: ctx.resident.id,
      details,
    })
  }
}
