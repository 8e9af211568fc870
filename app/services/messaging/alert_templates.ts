import Alert from '#models/messaging/alert'
import AlertTemplate from '#models/messaging/alert_template'
import type User from '#models/platform/user'

export interface TemplateFields {
  name: string
  title: string
  body: string
  priority: number
  category?: string
}

const PER_PAGE = 20

/** An organisation's templates for recurring alerts, and drafts made from them. */
export default class AlertTemplates {
  static list(organisationId: number, search: string, page: number) {
    return AlertTemplate.query()
      .where('organisation_id', organisationId)
      .if(search, (query) => query.whereILike('name', `%${search}%`))
      .orderBy('name')
      .orderBy('id')
      .paginate(page, PER_PAGE)
  }

  static create(organisationId: number, user: User, fields: TemplateFields) {
    return AlertTemplate.create({
      organisationId,
      createdById: user.id,
      ...fields,
      category: fields.category ?? null,
    })
  }

  static async update(template: AlertTemplate, fields: TemplateFields) {
    template.merge({ ...fields, category: fields.category ?? null })
    await template.save()
    return template
  }

  /** A new draft with the template's words; who it goes to is chosen on the draft. */
  static draftFrom(template: AlertTemplate, user: User) {
    return Alert.create({
      organisationId: template.organisationId,
      authorId: user.id,
      title: template.title,
      body: template.body,
      priority: template.priority,
      category: template.category,
      isPublic: false,
      status: 'draft',
      criteria: { areaIds: [] },
    })
  }
}
