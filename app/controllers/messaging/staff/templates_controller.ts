import type { HttpContext } from '@adonisjs/core/http'
import router from '@adonisjs/core/services/router'
import MessageTemplate from '#models/messaging/message_template'
import { PRIORITIES } from '#models/messaging/message'
import AuditLogger from '#services/platform/audit/audit_logger'
import MessageTemplates from '#services/messaging/message_templates'
import { ALERT_CATEGORIES, categoryLabel } from '#services/messaging/alert_categories'
import { messageTemplateValidator } from '#validators/messaging/message_template'

/** Templates for recurring alerts: list, write, change, delete, and start a draft from one. */
export default class TemplatesController {
  async index({ request, view, membership, bouncer }: HttpContext) {
    await bouncer.with('TemplatePolicy').authorize('viewList', membership.organisationId)
    const search = String(request.input('q', '') ?? '')
      .trim()
      .slice(0, 100)
    const page = Math.max(1, Number(request.input('page', 1)) || 1)
    const templates = await MessageTemplates.list(membership.organisationId, search, page)
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
    const payload = await request.validateUsing(messageTemplateValidator, {
      meta: { organisationId: membership.organisationId },
    })
    const template = await MessageTemplates.create(membership.organisationId, auth.user!, payload)
    await this.#audit(ctx, template, 'template.created')
    session.flash('success', `The template “${template.name}” has been saved.`)
    return response.redirect().toRoute('templates.index')
  }

  async edit({ params, view, bouncer }: HttpContext) {
    const template = await MessageTemplate.findOrFail(params.id)
    await bouncer.with('TemplatePolicy').authorize('manage', template)
    return view.render('pages/staff/templates/form', this.#formState(template))
  }

  async update(ctx: HttpContext) {
    const { params, request, response, bouncer, session } = ctx
    const template = await MessageTemplate.findOrFail(params.id)
    await bouncer.with('TemplatePolicy').authorize('manage', template)
    const payload = await request.validateUsing(messageTemplateValidator, {
      meta: { organisationId: template.organisationId, templateId: template.id },
    })
    await MessageTemplates.update(template, payload)
    await this.#audit(ctx, template, 'template.updated')
    session.flash('success', `The template “${template.name}” has been saved.`)
    return response.redirect().toRoute('templates.index')
  }

  async confirmDestroy({ params, view, bouncer }: HttpContext) {
    const template = await MessageTemplate.findOrFail(params.id)
    await bouncer.with('TemplatePolicy').authorize('manage', template)
    return view.render('pages/staff/templates/delete', { messageTemplate: template })
  }

  async destroy(ctx: HttpContext) {
    const { params, response, bouncer, session } = ctx
    const template = await MessageTemplate.findOrFail(params.id)
    await bouncer.with('TemplatePolicy').authorize('manage', template)
    await template.delete()
    await this.#audit(ctx, template, 'template.deleted')
    session.flash('success', `The template “${template.name}” has been deleted.`)
    return response.redirect().toRoute('templates.index')
  }

  /** "Use this template": a new draft, opened for the sender to choose who it goes to. */
  async use(ctx: HttpContext) {
    const { params, response, bouncer, session, auth } = ctx
    const template = await MessageTemplate.findOrFail(params.id)
    await bouncer.with('TemplatePolicy').authorize('manage', template)
    await bouncer.with('MessagePolicy').authorize('create', template.organisationId)
    const message = await MessageTemplates.draftFrom(template, auth.user!)
    await AuditLogger.record(ctx, {
      action: 'message.created',
      organisationId: message.organisationId,
      subjectType: 'message',
      subjectId: message.id,
      details: { fromTemplate: template.id, templateName: template.name },
    })
    session.flash(
      'success',
      `A new draft was made from “${template.name}”. Choose who it goes to, check the words, then send it.`
    )
    return response.redirect().toRoute(this.#draftRoute(), { id: message.id })
  }

  // The draft's edit page, where the sender chooses the areas (messages.show until it exists).
  #draftRoute() {
    return router.has('messages.edit') ? 'messages.edit' : 'messages.show'
  }

  #formState(template: MessageTemplate | null) {
    return { messageTemplate: template, priorities: PRIORITIES, categories: ALERT_CATEGORIES }
  }

  async #audit(ctx: HttpContext, template: MessageTemplate, action: string) {
    await AuditLogger.record(ctx, {
      action,
      organisationId: template.organisationId,
      subjectType: 'message_template',
      subjectId: template.id,
      details: { name: template.name },
    })
  }
}
