import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import Alert from '#models/messaging/alert'
import type Organisation from '#models/platform/organisation'
import type Area from '#models/areas/area'
import { createResident } from '#tests/helpers/fixtures'

// A winter morning: UK time is UTC, so the times on the page are the times written here.
export const at = (time: string) => `2026-01-15 ${time}.000 +00:00`

/**
 * A finished alert whose ledger was written by hand, with the figures the
 * report must show worked out beside it:
 *
 *   email  Ann    delivered  sent 10:00:10                 1 attempt
 *   email  Bob    sent       sent 10:00:40                 1 attempt
 *   email  Cat    sent       sent 10:02:05                 3 attempts (retried, went through)
 *   email  Dan    failed     at   10:01:30  address unknown 1 attempt, address now bounced
 *   email  Eve    failed     at   10:04:50  gave up         5 attempts (retried)
 *   email  Fay    skipped
 *   sms    Gus    delivered  sent 10:01:00                 1 attempt
 *   sms    Hal    failed     at   10:03:20  number dead     1 attempt, number now invalid
 *
 * The outcomes run from 10:00 to 10:04: five minutes, drawn a minute a bar.
 */
export async function sentAlert(organisation: Organisation, ward: Area) {
  const alert = await Alert.create({
    organisationId: organisation.id,
    title: 'Flood warning for the riverside',
    body: 'Body',
    priority: 2,
    status: 'sent',
    criteria: { areaIds: [ward.id] },
  })
  await db
    .from('alerts')
    .where('id', alert.id)
    .update({
      send_requested_at: at('09:59:58'),
      dispatched_at: at('10:00:00'),
      completed_at: at('10:04:50'),
    })
  const resident = (name: string, email: string, extra: Record<string, unknown> = {}) =>
    createResident(ward, [organisation], { name, email, ...extra })
  const ann = await resident('Ann Archer', 'ann@example.test')
  const bob = await resident('Bob Baker', 'bob@example.test')
  const cat = await resident('Cat Cooper', 'cat@example.test')
  const dan = await resident('Dan Dunn', 'dan.dunn@example.test', {
    emailBouncedAt: DateTime.fromISO('2026-01-15T10:01:30Z'),
  })
  const eve = await resident('=Eve Evans', 'eve@example.test')
  const fay = await resident('Fay Fox', 'fay@example.test')
  const gus = await resident('Gus Gray', 'gus@example.test', { phone: '+447400100200' })
  const hal = await resident('Hal Hill', 'hal@example.test', { phone: '+447400300456' })
  // As the failure's suppression marks it (contact_suppression.ts).
  await db
    .from('residents')
    .where('id', hal.id)
    .update({ phone_invalid_at: at('10:03:20') })
  const row = (
    residentId: number,
    channel: string,
    status: string,
    fields: { sent?: string; updated: string; attempts?: number; error?: string }
  ) => ({
    alert_id: alert.id,
    resident_id: residentId,
    channel,
    status,
    attempts: fields.attempts ?? 1,
    sent_at: fields.sent ? at(fields.sent) : null,
    error: fields.error ?? null,
    created_at: at('10:00:00'),
    updated_at: at(fields.updated),
  })
  await db.table('deliveries').multiInsert([
    row(ann.id, 'email', 'delivered', { sent: '10:00:10', updated: '10:03:00' }),
    row(bob.id, 'email', 'sent', { sent: '10:00:40', updated: '10:00:40' }),
    row(cat.id, 'email', 'sent', { sent: '10:02:05', updated: '10:02:05', attempts: 3 }),
    row(dan.id, 'email', 'failed', {
      updated: '10:01:30',
      error: '550 5.1.1 <[address]>: Recipient address rejected: User unknown',
    }),
    row(eve.id, 'email', 'failed', {
      updated: '10:04:50',
      attempts: 5,
      error: '=HYPERLINK("http://evil.test") Gave up after 5 attempts: 421 Try again later',
    }),
    row(fay.id, 'email', 'skipped', { updated: '10:00:00', attempts: 0 }),
    row(gus.id, 'sms', 'delivered', { sent: '10:01:00', updated: '10:01:30' }),
    row(hal.id, 'sms', 'failed', {
      updated: '10:03:20',
      error: 'Twilio cannot text this number (error 21614)',
    }),
  ])
  return { alert, dan, eve, hal }
}

/** The <tr> that carries the attribute, for reading its cells. */
export function rowWith(text: string, attribute: string) {
  const start = text.indexOf(attribute)
  if (start === -1) throw new Error(`No row with ${attribute}`)
  return text.slice(text.lastIndexOf('<tr', start), text.indexOf('</tr>', start))
}

export function cell(row: string, attribute: string) {
  const match = row.match(new RegExp(`${attribute}[^>]*>([^<]*)<`))
  if (!match) throw new Error(`No cell ${attribute} in ${row}`)
  return match[1].trim()
}

export function failureIds(text: string) {
  return [...text.matchAll(/data-failure="(\d+)"/g)].map((match) => Number(match[1]))
}
