import edge from 'edge.js'
import queues from '#services/platform/infrastructure/queue'
import mailTransport, { type OutgoingMail } from '#services/platform/infrastructure/mail_transport'
import SiteSettings from '#services/platform/site/site_settings'

export const MAIL_QUEUE = 'mail'

/**
 * Account emails (confirmation links, notices). They go through the queue so
 * that a slow or failing mail server never fails the resident's request.
 */
export default class TransactionalMail {
  static async queue(
    to: string,
    subject: string,
    template: string,
    state: Record<string, unknown>,
    /** Extra headers (a Reply-To), printable ASCII. */
    headers?: Record<string, string>
  ) {
    const site = await SiteSettings.current()
    const withName = { serviceName: site.serviceName, ...state }
    const mail: OutgoingMail = {
      to,
      subject,
      text: await edge.render(`emails/${template}_text`, withName),
      html: await edge.render(`emails/${template}_html`, withName),
      ...(headers ? { headers } : {}),
    }
    await queues.add(MAIL_QUEUE, mail, { retries: 5, timeoutMs: 60_000 })
  }

  static async deliver(mail: OutgoingMail) {
    await mailTransport.send(mail)
  }
}
