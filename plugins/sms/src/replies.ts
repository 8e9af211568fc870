import db from '@adonisjs/lucid/services/db'
import encryption from '@adonisjs/core/services/encryption'

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

function present(row: Record<string, any>): SmsReply {
  return {
    id: Number(row.id),
    residentId: Number(row.resident_id),
    alertId: row.alert_id === null ? null : Number(row.alert_id),
    alertTitle: row.title ?? null,
    body: encryption.decrypt<string>(row.body) ?? '',
    receivedAt: dateOf(row.received_at),
  }
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
  }) {
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
  },

  async ofResident(residentId: number, organisationId?: number) {
    const rows = await db
      .from('sms_replies')
      .leftJoin('alerts', 'alerts.id', 'sms_replies.alert_id')
      .where('sms_replies.resident_id', residentId)
      .if(organisationId !== undefined, (query) =>
        query.where('sms_replies.organisation_id', organisationId!)
      )
      .orderBy('sms_replies.received_at', 'desc')
      .orderBy('sms_replies.id', 'desc')
      .select('sms_replies.*', 'alerts.title')
    return rows.map(present)
  },

  async ofOrganisation(organisationId: number, limit = 100) {
    const rows = await db
      .from('sms_replies')
      .leftJoin('alerts', 'alerts.id', 'sms_replies.alert_id')
      .where('sms_replies.organisation_id', organisationId)
      .orderBy('sms_replies.received_at', 'desc')
      .orderBy('sms_replies.id', 'desc')
      .limit(limit)
      .select('sms_replies.*', 'alerts.title')
    return rows.map(present)
  },

  async erase(residentId: number) {
    await db.from('sms_replies').where('resident_id', residentId).delete()
  },
}
