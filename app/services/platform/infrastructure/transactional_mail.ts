import edge from 'edge.js'
import queues from '#services/platform/infrastructure/queue'
import mailTransport, { type OutgoingMail } from '#services/platform/infrastructure/mail_transport'
import SiteSettings from '#services/platform/site/site_settings'
import i18nManager from '@adonisjs/i18n/services/main'

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
    /** The resident's language, and extra headers (a Reply-To, printable ASCII). */
    options: { language?: string | null; headers?: Record<string, string> } = {}
  ) {
    const site = await SiteSettings.current()
    // A resident's email speaks their language where the install offers it (resources/lang/*/emails.json).
    const locale = site.welshOffered && options.language === 'cy' ? 'cy' : 'en'
    const i18n = i18nManager.locale(locale)
    const withName = { serviceName: site.serviceName, i18n, ...state }
    const subjectKey = `emails.${template}.subject`
    const mail: OutgoingMail = {
      to,
      // The state fills a subject's placeholders (a reply's answer names the organisation).
      subject: locale !== 'en' && i18n.hasMessage(subjectKey) ? i18n.t(subjectKey, state) : subject,
      text: await edge.render(`emails/${template}_text`, withName),
      html: await edge.render(`emails/${template}_html`, withName),
      ...(options.headers ? { headers: options.headers } : {}),
    }
    await queues.add(MAIL_QUEUE, mail, { retries: 5, timeoutMs: 60_000 })
  }

  static async deliver(mail: OutgoingMail) {
    await mailTransport.send(mail)
  }
}
