import type { HttpContext } from '@adonisjs/core/http'
import OutboxEmail from '#models/platform/outbox_email'
import mailTransport from '#services/platform/infrastructure/mail_transport'

const PER_PAGE = 25

/**
 * Email kept locally when no SMTP server is configured (the demo).
 */
export default class OutboxController {
  async index({ request, view, bouncer }: HttpContext) {
    await bouncer.with('InstallPolicy').authorize('manage')
    const search = String(request.input('q', '') ?? '')
      .trim()
      .slice(0, 100)
    const page = Math.max(1, Number(request.input('page', 1)) || 1)
    const emails = await OutboxEmail.query()
      .if(search, (query) =>
        query.where((inner) =>
          inner.whereILike('to_address', `%${search}%`).orWhereILike('subject', `%${search}%`)
        )
      )
      .orderBy('id', 'desc')
      .paginate(page, PER_PAGE)
    emails.baseUrl('/staff/outbox').queryString(search ? { q: search } : {})
    return view.render('pages/staff/outbox/index', {
      emails,
      search,
      usesOutbox: mailTransport.usesOutbox,
    })
  }

  async show({ params, view, bouncer }: HttpContext) {
    await bouncer.with('InstallPolicy').authorize('manage')
    const email = await OutboxEmail.findOrFail(params.id)
    return view.render('pages/staff/outbox/show', { email })
  }
}
