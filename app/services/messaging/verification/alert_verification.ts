import type { DateTime } from 'luxon'
import type { AlertVerificationCode } from '#contracts/channel'
import Alert from '#models/messaging/alert'
import { markdownToHtml } from '#services/messaging/alert_markdown'
import { absoluteUrl, londonTimeLabel } from '#services/messaging/public_alert_view'
import {
  formatVerificationCode,
  normaliseVerificationCode,
} from '#services/messaging/verification/verification_codes'

/** What /verify shows for a genuine code. */
export interface VerifiedAlert {
  code: string
  organisationName: string
  title: string
  bodyHtml: string
  sentIso: string
  sentLabel: string
  cancelled: boolean
  cancelledLabel: string | null
  /** The alert's page in the public archive, when its sender published it. */
  publicPath: string | null
}

function iso(time: DateTime) {
  return time.toISO({ suppressMilliseconds: true })!
}

/** Where residents check a code, the address the email footer's QR code opens. */
export function verifyUrl(code: string) {
  return absoluteUrl(`/verify?code=${encodeURIComponent(formatVerificationCode(code))}`)
}

/** The QR code image for a code: the same image for every recipient, so it tells nobody who opened it. */
export function verifyQrUrl(code: string) {
  return absoluteUrl(`/verify/${formatVerificationCode(code)}/qr.png`)
}

/** The code as a channel shows it (see RenderableAlert.verification), or null before the send. */
export function verificationOf(
  alert: Pick<Alert, 'verificationCode'>
): AlertVerificationCode | null {
  const code = alert.verificationCode
  if (!code) return null
  const home = new URL(absoluteUrl('/verify'))
  return {
    code: formatVerificationCode(code),
    url: verifyUrl(code),
    pageLabel: `${home.host}/verify`,
    qrUrl: verifyQrUrl(code),
  }
}

/**
 * Finds the alert a public reference code belongs to. Only alerts whose send
 * started carry a code, so a draft can never be "verified".
 */
export default class AlertVerification {
  static async lookup(typed: string): Promise<VerifiedAlert | null> {
    const code = normaliseVerificationCode(typed)
    const alert = await Alert.query()
      .where('verification_code', code)
      .preload('organisation')
      .preload('cosignerOrganisation')
      .first()
    if (!alert) return null
    const sentAt = alert.sendRequestedAt ?? alert.completedAt ?? alert.updatedAt
    const cancelled = alert.status === 'cancelled'
    return {
      code: formatVerificationCode(code),
      organisationName: alert.fromNames,
      title: alert.title,
      bodyHtml: alert.bodyHtml ?? markdownToHtml(alert.body),
      sentIso: iso(sentAt),
      sentLabel: londonTimeLabel(sentAt),
      cancelled,
      cancelledLabel: cancelled && alert.cancelledAt ? londonTimeLabel(alert.cancelledAt) : null,
      publicPath: alert.isPublic && alert.status === 'sent' ? `/alerts/${alert.id}` : null,
    }
  }
}
