import type { HttpContext } from '@adonisjs/core/http'
import Interest from '#models/residents/interest'
import AuditLogger from '#services/platform/audit/audit_logger'
import InterestList from '#services/residents/lists/interest_list'
import { interestValidator } from '#validators/residents/lists'

export default class InterestsController {
  async create({ view, bouncer }: HttpContext) {
    await bouncer.with('InstallPolicy').authorize('manage')
    return view.render('pages/staff/lists/interest_form', { interest: null })
  }

  async store(ctx: HttpContext) {
    const { request, response, membership, bouncer, session } = ctx
    await bouncer.with('InstallPolicy').authorize('manage')
    const payload = await request.validateUsing(interestValidator, { meta: {} })
    const interest = await InterestList.create(payload)
    await AuditLogger.record(ctx, {
      action: 'interest.created',
      organisationId: membership.organisationId,
      subjectType: 'interest',
      subjectId: interest.id,
      details: { name: interest.name },
    })
    session.flash('success', `“${interest.name}” has been added to the interests.`)
    return response.redirect().toRoute('lists.index')
  }

  async edit({ params, view, bouncer }: HttpContext) {
    await bouncer.with('InstallPolicy').authorize('manage')
    const interest = await Interest.findOrFail(params.id)
    return view.render('pages/staff/lists/interest_form', { interest })
  }

  async update(ctx: HttpContext) {
    const { params, request, response, membership, bouncer, session } = ctx
    await bouncer.with('InstallPolicy').authorize('manage')
    const interest = await Interest.findOrFail(params.id)
    const payload = await request.validateUsing(interestValidator, {
      meta: { interestId: interest.id },
    })
    const before = { name: interest.name, description: interest.description }
    await InterestList.update(interest, payload)
    await AuditLogger.record(ctx, {
      action: 'interest.updated',
      organisationId: membership.organisationId,
      subjectType: 'interest',
      subjectId: interest.id,
      details: { before, after: { name: interest.name, description: interest.description } },
    })
    session.flash('success', `“${interest.name}” has been saved.`)
    return response.redirect().toRoute('lists.index')
  }

  async confirmDestroy({ params, view, bouncer }: HttpContext) {
    await bouncer.with('InstallPolicy').authorize('manage')
    const interest = await Interest.findOrFail(params.id)
    return view.render('pages/staff/lists/confirm_delete', {
      kind: 'interest',
      name: interest.name,
      usage: await InterestList.usage(interest),
      action: `/staff/settings/lists/interests/${interest.id}/delete`,
    })
  }

  async destroy(ctx: HttpContext) {
    const { params, response, membership, bouncer, session } = ctx
    await bouncer.with('InstallPolicy').authorize('manage')
    const interest = await Interest.findOrFail(params.id)
    const usage = await InterestList.usage(interest)
    await InterestList.remove(interest)
    await AuditLogger.record(ctx, {
      action: 'interest.deleted',
      organisationId: membership.organisationId,
      subjectType: 'interest',
      subjectId: interest.id,
      details: { name: interest.name, residentsWhoLostIt: usage },
    })
    session.flash('success', `“${interest.name}” has been deleted.`)
    return response.redirect().toRoute('lists.index')
  }
}
