import env from '#start/env'
import type Alert from '#models/messaging/alert'
import PublicAlerts from '#services/messaging/public_alerts'
import { presentAlert } from '#services/messaging/public_alert_view'
import TransactionalMail from '#services/platform/infrastructure/transactional_mail'

/**
 * The email Beacon sends to a neighbour for a resident sharing an alert:
 * the alert, who shared it, and its forward link. One email, and the
 * address is not kept or added to anything.
 */
export default class ForwardMail {
  static forwardUrl(code: string) {
    return `${env.get('APP_URL').replace(/\/$/, '')}/f/${code}`
  }

  static async send(
    alert: Alert,
    code: string,
    { to, fromName }: { to: string; fromName: string }
  ) {
    const areas = await PublicAlerts.areasOf([alert])
    const view = presentAlert(alert, areas.get(alert.id) ?? [])
    await TransactionalMail.queue(
      to,
      `${fromName} shared an alert from ${view.organisationName}: ${alert.title}`,
      'alert_forward',
      {
        fromName,
        organisationName: view.organisationName,
        title: view.title,
        bodyText: view.bodyText,
        bodyHtml: view.bodyHtml,
        sentLabel: view.sentLabel,
        forwardUrl: this.forwardUrl(code),
      }
    )
  }
}
