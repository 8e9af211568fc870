import type { HttpContext } from '@adonisjs/core/http'
import router from '@adonisjs/core/services/router'
import AlertTemplate from '#models/messaging/alert_template'
import { PRIORITIES } from '#models/messaging/alert'
import AuditLogger from '#services/platform/audit/audit_logger'
import AlertTemplates from '#services/messaging/alert_templates'
import { ALERT_CATEGORIES, categoryLabel } from '#services/messaging/alert_categories'
import { alertTemplateValidator } from '#validators/messaging/alert_template'

/** Templates for recurring alerts: list, write, change, delete, and start a draft from one. */
export default class TemplatesController {
  async index({ request, view, membership, bouncer }: HttpContext) {
    await bouncer.with('TemplatePolicy').authorize('viewList', membership.organisationId)
    const search = String(request.input('q', '') ?? '')
      .trim()
      .slice(0, 100)
    const page = Math.max(1, Number(request.input('page', 1)) || 1)
    const templates = await AlertTemplates.list(membership.organisationId, search, page)
    templates.baseUrl('/staff/templates').queryString(search ? { q: search } : {})
    return view.render('pages/staff/templates/index', { templates, search, categoryLabel })
  }

  async create({ view, membership, bouncer }: HttpContext) {
    await bouncer.with('TemplatePolicy').authorize('viewList', membership.organisationId)
    return view.render('pages/staff/templates/form', this.#formState(null))
  }

  async store(ctx: HttpContext) {
    const { request, response, membership, bouncer, session, auth } = ctx
    await bouncer.with('TemplatePolicy').authorize('viewList', membership.organisationId)
    const payload = await request.validateUsing(alertTemplateValidator, {
      meta: { organisationId: membership.organisationId },
    })
    const template = await AlertTemplates.create(membership.organisationId, auth.user!, payload)
    await this.#audit(ctx, template, 'template.created')
    session.flash('success', `The template “${template.name}” has been saved.`)
    return response.redirect().toRoute('templates.index')
  }

  async edit({ params, view, bouncer }: HttpContext) {
    const template = await AlertTemplate.findOrFail(params.id)
    await bouncer.with('TemplatePolicy').authorize('manage', template)
    return view.render('pages/staff/templates/form', this.#formState(template))
  }

  async update(ctx: HttpContext) {
    const { params, request, response, bouncer, session } = ctx
    const template = await AlertTemplate.findOrFail(params.id)
    await bouncer.with('TemplatePolicy').authorize('manage', template)
    const payload = await request.validateUsing(alertTemplateValidator, {
      meta: { organisationId: template.organisationId, templateId: template.id },
    })
    await AlertTemplates.update(template, payload)
    await this.#audit(ctx, template, 'template.updated')
    session.flash('success', `The template “${template.name}” has been saved.`)
    return response.redirect().toRoute('templates.index')
  }

  async confirmDestroy({ params, view, bouncer }: HttpContext) {
    const template = await AlertTemplate.findOrFail(params.id)
    await bouncer.with('TemplatePolicy').authorize('manage', template)
    return view.render('pages/staff/templates/delete', { alertTemplate: template })
  }

  async destroy(ctx: HttpContext) {
    const { params, response, bouncer, session } = ctx
    const template = await AlertTemplate.findOrFail(params.id)
    await bouncer.with('TemplatePolicy').authorize('manage', template)
    await template.delete()
    await this.#audit(ctx, template, 'template.deleted')
    session.flash('success', `The template “${template.name}” has been deleted.`)
    return response.redirect().toRoute('templates.index')
  }

  /** "Use this template": a new draft, opened for the sender to choose who it goes to. */
  async use(ctx: HttpContext) {
    const { params, response, bouncer, session, auth } = ctx
    const template = await AlertTemplate.findOrFail(params.id)
    await bouncer.with('TemplatePolicy').authorize('manage', template)
    await bouncer.with('AlertPolicy').authorize('create', template.organisationId)
    const alert = await AlertTemplates.draftFrom(template, auth.user!)
    await AuditLogger.record(ctx, {
      action: 'alert.created',
      organisationId: alert.organisationId,
      subjectType: 'alert',
      subjectId: alert.id,
      details: { fromTemplate: template.id, templateName: template.name },
    })
    session.flash(
      'success',
      `A new draft was made from “${template.name}”. Choose who it goes to, check the words, then send it.`
    )
    return response.redirect().toRoute(this.#draftRoute(), { id: alert.id })
  }

  // The draft's edit page, where the sender chooses the areas (staff.alerts.show until it exists).
  #draftRoute() {
    return router.has('staff.alerts.edit') ? 'staff.alerts.edit' : 'staff.alerts.show'
  }

  #formState(template: AlertTemplate | null) {
    return { alertTemplate: template, priorities: PRIORITIES, categories: ALERT_CATEGORIES }
  }

  async #audit(ctx: HttpContext, template: AlertTemplate, action: string) {
    await AuditLogger.record(ctx, {
      action,
      organisationId: template.organisationId,
      subjectType: 'alert_template',
      subjectId: template.id,
      details: { name: template.name },
    })
  }
}
