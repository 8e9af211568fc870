import QRCode from 'qrcode'
import { verifyUrl } from '#services/messaging/verification/alert_verification'

/**
 * The QR code printed in an alert email's footer, as a PNG: it opens /verify
 * with the code filled in. Served from a public address rather than inside the
 * email, since mail clients block data: images; the picture is the same for
 * every recipient of the alert, so fetching it tells the install nothing about
 * who opened the email. Made from the code alone, looked up nowhere, so it
 * cannot be used to find out which codes exist.
 */
export function verificationQrPng(code: string): Promise<Buffer> {
  return QRCode.toBuffer(verifyUrl(code), {
    type: 'png',
    errorCorrectionLevel: 'M',
    margin: 2,
    width: 240,
    color: { dark: '#0b0c0cff', light: '#ffffffff' },
  })
}
