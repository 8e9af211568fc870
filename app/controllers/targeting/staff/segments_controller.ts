import type { HttpContext } from '@adonisjs/core/http'
import AuditLogger from '#services/platform/audit/audit_logger'
import CriteriaSummary from '#services/targeting/criteria_summary'
import Segments from '#services/targeting/segments'
import TargetingForm from '#services/targeting/targeting_form'
import { segmentSearchValidator, segmentValidator } from '#validators/targeting/segment'

/**
 * Saved segments: named criteria from the targeting builder, listed for the
 * organisation's senders to reuse or delete.
 */
export default class SegmentsController {
  async index({ request, view, membership, bouncer }: HttpContext) {
    await bouncer.with('SegmentPolicy').authorize('manage', membership.organisationId)
    // A search box cannot send a wrong value; an edited address gets the whole list.
    const [, valid] = await request.tryValidateUsing(segmentSearchValidator, {
      data: request.qs(),
    })
    const q = valid?.q || undefined
    const segments = await Segments.list(membership.organisationId, q, valid?.page ?? 1)
    segments.baseUrl('/staff/segments').queryString(q ? { q } : {})
    const summaries = await Promise.all(
      segments.all().map((segment) => CriteriaSummary.lines(segment.criteria))
    )
    return view.render('pages/staff/segments/index', {
      segments,
      summaries,
      q: q ?? '',
      anySegment: q ? (await Segments.count(membership.organisationId)) > 0 : segments.total > 0,
    })
  }

  async store(ctx: HttpContext) {
    const { request, response, membership, bouncer, auth, session } = ctx
    await bouncer.with('SegmentPolicy').authorize('manage', membership.organisationId)
    const payload = await request.validateUsing(segmentValidator, {
      meta: { organisationId: membership.organisationId },
    })
    const segment = await Segments.create(
      membership.organisationId,
      auth.user!.id,
      payload.segmentName,
      TargetingForm.criteriaFrom(payload)
    )
    await AuditLogger.record(ctx, {
      action: 'segment.created',
      organisationId: membership.organisationId,
      subjectType: 'segment',
      subjectId: segment.id,
      details: { name: segment.name, criteria: segment.criteria },
    })
    // Back to the alert being written, with everything the sender had entered.
    session.flashExcept(['_csrf', '_method', 'segmentName'])
    session.flash('keepBuilder', true)
    session.flash('success', `The criteria have been saved as the segment “${segment.name}”.`)
    return response.redirect().back()
  }

  async confirmDestroy({ params, view, membership, bouncer }: HttpContext) {
    const segment = await Segments.find(membership.organisationId, params.id)
    await bouncer.with('SegmentPolicy').authorize('delete', segment)
    return view.render('pages/staff/segments/delete', {
      segment,
      summary: await CriteriaSummary.lines(segment.criteria),
    })
  }

  async destroy(ctx: HttpContext) {
    const { params, response, membership, bouncer, session } = ctx
    const segment = await Segments.find(membership.organisationId, params.id)
    await bouncer.with('SegmentPolicy').authorize('delete', segment)
    await Segments.remove(segment)
    await AuditLogger.record(ctx, {
      action: 'segment.deleted',
      organisationId: membership.organisationId,
      subjectType: 'segment',
      subjectId: segment.id,
      details: { name: segment.name, criteria: segment.criteria },
    })
    session.flash('success', `The segment “${segment.name}” has been deleted.`)
    return response.redirect().toRoute('segments.index')
  }
}
