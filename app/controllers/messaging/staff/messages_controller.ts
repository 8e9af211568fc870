import type { HttpContext } from '@adonisjs/core/http'
import Message from '#models/messaging/message'
import { UNSENT_STATUSES } from '#models/messaging/message'
import Area from '#models/areas/area'
import AudienceCount from '#services/targeting/audience_count'
import MessageProgress from '#services/messaging/delivery/message_progress'
import MessageApproval from '#services/messaging/message_approval'
import { categoryLabel } from '#services/messaging/alert_categories'
import AlertCostEstimates, { pounds } from '#services/messaging/alert_cost_estimates'

/** The alert's page: its content, workflow and target, then its progress while it sends. */
export default class MessagesController {
  async show({ params, view, bouncer, auth }: HttpContext) {
    const message = await Message.query().where('id', params.id).preload('author').firstOrFail()
    await bouncer.with('MessagePolicy').authorize('view', message)
    const workflow = {
      ...(await MessageApproval.pageState(message, auth.user!)),
      canSubmit: await bouncer.with('MessagePolicy').allows('submit', message),
      canApprove: await bouncer.with('MessagePolicy').allows('approve', message),
      canSchedule: await bouncer.with('MessagePolicy').allows('schedule', message),
    }

    const areas = await Area.query().whereIn('id', message.criteria.areaIds).orderBy('name')
    const audience = UNSENT_STATUSES.includes(message.status)
      ? await AudienceCount.total({
          organisationId: message.organisationId,
          priority: message.priority,
          criteria: message.criteria,
        })
      : null
    const costs = audience ? await AlertCostEstimates.of(message) : []
    const progress = await MessageProgress.of(message.id)
    const failures = progress.failed > 0 ? await MessageProgress.failures(message.id) : []
    const canSend = await bouncer.with('MessagePolicy').allows('send', message)
    return view.render('pages/staff/messages/show', {
      message,
      categoryLabel: categoryLabel(message.category),
      areas,
      audience,
      costs,
      pounds,
      progress,
      failures,
      canSend,
      workflow,
    })
  }

  async progress({ params, response, bouncer }: HttpContext) {
    const message = await Message.findOrFail(params.id)
    await bouncer.with('MessagePolicy').authorize('view', message)
    const counts = await MessageProgress.of(message.id)
    return response.json({ status: message.status, statusReason: message.statusReason, ...counts })
  }
}
