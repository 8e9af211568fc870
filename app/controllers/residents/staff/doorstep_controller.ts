import type { HttpContext } from '@adonisjs/core/http'
import AreaDirectory from '#services/areas/area_directory'
import AreaPlacement from '#services/areas/area_placement'
import AuditLogger from '#services/platform/audit/audit_logger'
import ResidentRegistration from '#services/residents/registration/resident_registration'
import PhoneNumbers from '#services/residents/contacts/phone_numbers'
import ContactVerification from '#services/residents/contacts/contact_verification'
import verificationDeliverers from '#services/platform/plugins/verification_deliverers'
import {
  DOORSTEP_CODE,
  type DoorstepCode,
} from '#controllers/residents/staff/doorstep_verifications_controller'
import { doorstepValidator, placementMessages, refuseAnswer } from '#validators/residents/sign_up'
import { nearbyPriorities, nearbyValidator } from '#controllers/residents/staff/doorstep_nearby'

/**
 * An officer registers a household with the resident present. The resident
 * still confirms by the emailed link before any alert is sent.
 */
export default class DoorstepController {
  async create({ view, membership, bouncer, request }: HttpContext) {
    await bouncer.with('ResidentPolicy').authorize('register', membership.organisationId)
    const districts = await AreaDirectory.districtsWithWards()
    const whereabouts = await nearbyValidator.validate(request.qs()).catch(() => ({}))
    return view.render('pages/staff/doorstep/create', {
      districts,
      nearby: await nearbyPriorities(membership.organisationId, whereabouts),
      nearWard: 'nearWard' in whereabouts ? whereabouts.nearWard : null,
    })
  }

  async store(ctx: HttpContext) {
    const { request, response, session, membership, bouncer, auth } = ctx
    await bouncer.with('ResidentPolicy').authorize('register', membership.organisationId)
    const payload = await request.validateUsing(doorstepValidator)

    const placement =
      payload.findBy === 'postcode'
        ? await AreaPlacement.byPostcode(payload.postcode!)
        : await AreaPlacement.place({ how: 'ward', wardId: payload.wardId! })
    if (!placement.placed) {
      const field = payload.findBy === 'postcode' ? 'postcode' : 'wardId'
      throw refuseAnswer(field, placementMessages.doorstep[placement.refusal]!)
    }

    const outcome = await ResidentRegistration.register({
      name: payload.name,
      email: payload.email ?? null,
      phone: payload.mobile ?? null,
      landline: payload.landline ?? null,
      location: placement.location,
      areas: placement.areas,
      source: 'doorstep',
      registeredByUserId: auth.user!.id,
      knownToOfficer: payload.knownToOfficer ?? false,
      communityInfluencer: payload.communityInfluencer ?? false,
      // Only the officer's organisation: the resident may agree to others from their own pages.
      organisationIds: [membership.organisationId],
    })
    await AuditLogger.record(ctx, {
      action: 'resident.doorstep_registered',
      organisationId: membership.organisationId,
      subjectType: 'resident',
      subjectId: outcome.status === 'created' ? outcome.resident.id : undefined,
      details: { outcome: outcome.status, foundBy: payload.findBy },
    })

    // The same answer whether or not the household was already signed up.
    if (payload.mobile && verificationDeliverers.for('mobile')) {
      const number = PhoneNumbers.mobile(payload.mobile)
      if (number.valid) {
        if (outcome.status === 'created') {
          await ContactVerification.send(outcome.resident, 'mobile', number.e164)
        }
        session.put(DOORSTEP_CODE, {
          residentId: outcome.status === 'created' ? outcome.resident.id : null,
          number: number.e164,
          name: payload.name,
          sentAt: Date.now(),
          attempts: 0,
        } satisfies DoorstepCode)
        session.flash('success', `${payload.name} is registered.`)
        return response.redirect().toRoute('doorstep.verify')
      }
    }
    session.flash(
      'success',
      payload.email
        ? `${payload.name} is registered. Their alerts start when they open the link we have emailed to ${payload.email}.`
        : `${payload.name} is registered. Their alerts will start once they confirm their number, when alerts by text or phone are switched on.`
    )
    return response.redirect().toRoute('doorstep.create')
  }
}
