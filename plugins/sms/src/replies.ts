import db from '@adonisjs/lucid/services/db'
import encryption from '@adonisjs/core/services/encryption'
import type { ResidentLookup } from '#contracts/residents'

/** The core's answer to "what is this alert called?" (#contracts/residents): the plugin reads no core table. */
type AlertTitles = Pick<ResidentLookup, 'alertTitles'>

export interface SmsReply {
  id: number
  residentId: number
  alertId: number | null
  alertTitle: string | null
  body: string
  receivedAt: Date
}

function dateOf(value: unknown) {
  return value instanceof Date
    ? value
    : new Date(
        String(value).replace(' ', 'T') +
          (String(value).includes('Z') || String(value).includes('+') ? '' : 'Z')
      )
}

function present(row: Record<string, any>, titles: Map<number, string>): SmsReply {
  const alertId = row.alert_id === null ? null : Number(row.alert_id)
  return {
    id: Number(row.id),
    residentId: Number(row.resident_id),
    alertId,
    alertTitle: alertId === null ? null : (titles.get(alertId) ?? null),
    body: encryption.decrypt<string>(row.body) ?? '',
    receivedAt: dateOf(row.received_at),
  }
}

/** The replies, each with the title of the alert it answers. */
async function withTitles(lookup: AlertTitles, rows: Record<string, any>[]) {
  const alertIds = rows
    .map((row) => row.alert_id)
    .filter((id) => id !== null)
    .map(Number)
  const titles = await lookup.alertTitles(alertIds)
  return rows.map((row) => present(row, titles))
}

/** A time as the database keeps it (UTC; SQLite as text). */
function stored(date: Date) {
  return db.connection().dialect.name === 'postgres'
    ? date
    : date.toISOString().replace('T', ' ').replace('Z', '')
}

/** Residents' text replies (sms_replies): kept, listed per resident and per organisation, erased. */
export const SmsReplies = {
  async store(reply: {
    residentId: number
    alertId: number | null
    organisationId: number | null
    body: string
    providerId: string
  }): Promise<boolean> {
    // A provider's repeated callback: the text was kept the first time.
    const kept = await db.from('sms_replies').where('provider_id', reply.providerId).first()
    if (kept) return false
    await db
      .table('sms_replies')
      .insert({
        resident_id: reply.residentId,
        alert_id: reply.alertId,
        organisation_id: reply.organisationId,
        body: encryption.encrypt(reply.body),
        provider_id: reply.providerId,
        received_at: stored(new Date()),
      })
      .onConflict('provider_id')
      .ignore()
    return true
  },

  async ofResident(lookup: AlertTitles, residentId: number, organisationId?: number) {
    const rows = await db
      .from('sms_replies')
      .where('resident_id', residentId)
      .if(organisationId !== undefined, (query) => query.where('organisation_id', organisationId!))
      .orderBy('received_at', 'desc')
      .orderBy('id', 'desc')
    return withTitles(lookup, rows)
  },

  async ofOrganisation(lookup: AlertTitles, organisationId: number, limit = 100) {
    const rows = await db
      .from('sms_replies')
      .where('organisation_id', organisationId)
      .orderBy('received_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
    return withTitles(lookup, rows)
  },

  async erase(residentId: number) {
    await db.from('sms_replies').where('resident_id', residentId).delete()
  },
}
