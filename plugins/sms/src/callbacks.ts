import { timingSafeEqual } from 'node:crypto'
import twilio from 'twilio'
import type { HttpRequest } from '@adonisjs/core/http'
import type { DeliveryReceipt } from '#contracts/receipts'
import type { SettingsReader } from '#contracts/settings'
import type { SmsInstallSettings } from './settings.js'

const NOTIFY_STATUSES = ['delivered', 'permanent-failure', 'temporary-failure', 'technical-failure']
// Twilio's final statuses; queued, sending and sent say nothing yet.
const TWILIO_FINAL = ['delivered', 'undelivered', 'failed']
// Twilio's delivery error codes meaning the number cannot get texts at all.
const TWILIO_DEAD_NUMBER = new Set(['30005', '30006', '21211', '21614', '21610'])

function sameText(a: string, b: string) {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Notify's callbacks carry the bearer token staff gave Notify. */
export async function notifyTokenValid(settings: SettingsReader, request: HttpRequest) {
  const { provider, callback_token: token } = await settings.forInstall<SmsInstallSettings>()
  if (provider !== 'notify' || !token) return false
  return sameText(request.header('authorization') ?? '', `Bearer ${token}`)
}

/** Twilio's callbacks are signed with the auth token over the address it called and the form's fields. */
export async function twilioSignatureValid(
  settings: SettingsReader,
  request: HttpRequest,
  url: string
) {
  const values = await settings.forInstall<SmsInstallSettings>()
  if (values.provider !== 'twilio' || !values.twilio_auth_token) return false
  const signature = request.header('x-twilio-signature')
  if (!signature) return false
  // Signed over the form as Twilio posted it: the body parser turns empty fields into null and
  // trims spaces, which would change what is signed (FromCity is often empty; "STOP " ends in one).
  const posted = Object.fromEntries(new URLSearchParams(request.raw() ?? ''))
  return twilio.validateRequest(values.twilio_auth_token, signature, url, posted)
}

/** A Notify delivery-status callback as a receipt, or null when it is not one (malformed). */
export function notifyReceipt(body: unknown): DeliveryReceipt | null | 'not_final' {
  if (!isRecord(body) || typeof body.id !== 'string' || typeof body.status !== 'string') return null
  if (!NOTIFY_STATUSES.includes(body.status)) return null
  if (body.status === 'delivered')
    return { channel: 'sms', providerId: body.id, status: 'delivered' }
  const permanent = body.status === 'permanent-failure'
  return {
    channel: 'sms',
    providerId: body.id,
    status: 'failed',
    permanent,
    reason: permanent
      ? 'The number does not exist or cannot get texts (GOV.UK Notify)'
      : body.status === 'temporary-failure'
        ? 'The phone was off or unreachable for 3 days (GOV.UK Notify)'
        : 'GOV.UK Notify could not send it (a technical failure)',
  }
}

/** A Twilio status callback as a receipt, 'not_final' for statuses on the way, or null when malformed. */
export function twilioReceipt(body: unknown): DeliveryReceipt | null | 'not_final' {
  if (
    !isRecord(body) ||
    typeof body.MessageSid !== 'string' ||
    typeof body.MessageStatus !== 'string'
  ) {
    return null
  }
  if (!TWILIO_FINAL.includes(body.MessageStatus)) return 'not_final'
  if (body.MessageStatus === 'delivered') {
    return { channel: 'sms', providerId: body.MessageSid, status: 'delivered' }
  }
  const code = typeof body.ErrorCode === 'string' ? body.ErrorCode : ''
  const permanent = TWILIO_DEAD_NUMBER.has(code)
  return {
    channel: 'sms',
    providerId: body.MessageSid,
    status: 'failed',
    permanent,
    reason: permanent
      ? `The number cannot get texts (Twilio error ${code})`
      : `Twilio could not deliver it${code ? ` (error ${code})` : ''}`,
  }
}

/** An inbound text: who sent it, what it says, the provider's id. Null when malformed. */
export interface InboundText {
  from: string
  text: string
  providerId: string
}

export function notifyInbound(body: unknown): InboundText | null {
  if (!isRecord(body)) return null
  const { id, source_number: from, message } = body
  if (typeof id !== 'string' || typeof from !== 'string' || typeof message !== 'string') return null
  return { from, text: message, providerId: `notify:${id}` }
}

export function twilioInbound(body: unknown): InboundText | null {
  if (!isRecord(body)) return null
  const { MessageSid: id, From: from, Body: text } = body
  if (typeof id !== 'string' || typeof from !== 'string' || typeof text !== 'string') return null
  return { from, text, providerId: `twilio:${id}` }
}
