import type { HttpContext } from '@adonisjs/core/http'
import ResidentAlertHistory from '#services/messaging/resident_alert_history'
import recipientLinks from '#services/messaging/recipient_links'

export default class ReceivedAlertsController {
  async index({ request, view, resident }: HttpContext) {
    const page = Math.max(1, Number(request.input('page', 1)) || 1)
    const { paginator, alerts } = await ResidentAlertHistory.page(resident.id, page)
    paginator.baseUrl('/my-alerts/received')
    // The links each alert's email carried for this resident (rating it), offered here too.
    const withLinks = await Promise.all(
      alerts.map(async (alert) => ({
        ...alert,
        linkGroups: await recipientLinks.forRecipient(resident.id, alert.alertId),
      }))
    )
    return view.render('pages/self_service/received', { paginator, alerts: withLinks })
  }
}
