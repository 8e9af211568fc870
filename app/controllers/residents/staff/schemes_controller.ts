import type { HttpContext } from '@adonisjs/core/http'
import Scheme, { SCHEME_KINDS } from '#models/residents/scheme'
import AreaDirectory from '#services/areas/area_directory'
import AuditLogger from '#services/platform/audit/audit_logger'
import SchemeList from '#services/residents/lists/scheme_list'
import { schemeValidator } from '#validators/residents/lists'

export default class SchemesController {
  async create({ view, bouncer }: HttpContext) {
    await bouncer.with('InstallPolicy').authorize('manage')
    return view.render('pages/staff/lists/scheme_form', {
      scheme: null,
      kinds: SCHEME_KINDS,
      districts: await AreaDirectory.districtsWithWards(),
    })
  }

  async store(ctx: HttpContext) {
    const { request, response, membership, bouncer, session } = ctx
    await bouncer.with('InstallPolicy').authorize('manage')
    const payload = await request.validateUsing(schemeValidator, { meta: {} })
    const scheme = await SchemeList.create(payload)
    await AuditLogger.record(ctx, {
      action: 'scheme.created',
      organisationId: membership.organisationId,
      subjectType: 'scheme',
      subjectId: scheme.id,
      details: { name: scheme.name, kind: scheme.kind, areaId: scheme.areaId },
    })
    session.flash('success', `“${scheme.name}” has been added to the schemes.`)
    return response.redirect().toRoute('lists.index')
  }

  async edit({ params, view, bouncer }: HttpContext) {
    await bouncer.with('InstallPolicy').authorize('manage')
    const scheme = await Scheme.findOrFail(params.id)
    return view.render('pages/staff/lists/scheme_form', {
      scheme,
      kinds: SCHEME_KINDS,
      districts: await AreaDirectory.districtsWithWards(),
    })
  }

  async update(ctx: HttpContext) {
    const { params, request, response, membership, bouncer, session } = ctx
    await bouncer.with('InstallPolicy').authorize('manage')
    const scheme = await Scheme.findOrFail(params.id)
    const payload = await request.validateUsing(schemeValidator, { meta: { schemeId: scheme.id } })
    const before = { name: scheme.name, kind: scheme.kind, areaId: scheme.areaId }
    await SchemeList.update(scheme, payload)
    await AuditLogger.record(ctx, {
      action: 'scheme.updated',
      organisationId: membership.organisationId,
      subjectType: 'scheme',
      subjectId: scheme.id,
      details: { before, after: { name: scheme.name, kind: scheme.kind, areaId: scheme.areaId } },
    })
    session.flash('success', `“${scheme.name}” has been saved.`)
    return response.redirect().toRoute('lists.index')
  }

  async confirmDestroy({ params, view, bouncer }: HttpContext) {
    await bouncer.with('InstallPolicy').authorize('manage')
    const scheme = await Scheme.findOrFail(params.id)
    return view.render('pages/staff/lists/confirm_delete', {
      kind: 'scheme',
      name: scheme.name,
      usage: await SchemeList.usage(scheme),
      action: `/staff/settings/lists/schemes/${scheme.id}/delete`,
    })
  }

  async destroy(ctx: HttpContext) {
    const { params, response, membership, bouncer, session } = ctx
    await bouncer.with('InstallPolicy').authorize('manage')
    const scheme = await Scheme.findOrFail(params.id)
    const usage = await SchemeList.usage(scheme)
    await SchemeList.remove(scheme)
    await AuditLogger.record(ctx, {
      action: 'scheme.deleted',
      organisationId: membership.organisationId,
      subjectType: 'scheme',
      subjectId: scheme.id,
      details: { name: scheme.name, kind: scheme.kind, residentsWhoLostIt: usage },
    })
    session.flash('success', `“${scheme.name}” has been deleted.`)
    return response.redirect().toRoute('lists.index')
  }
}
