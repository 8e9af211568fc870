import db from '@adonisjs/lucid/services/db'
import Alert from '#models/messaging/alert'
import type Organisation from '#models/platform/organisation'
import type Resident from '#models/residents/resident'
import { sqlTime } from '#services/platform/infrastructure/sql_time'

/**
 * A message already dispatched to the given residents, its rows pending in
 * the ledger and no job in the queue: the state a lost job or a pause leaves.
 */
export async function dispatchedAlert(
  organisation: Organisation,
  areaId: number,
  residents: Resident[],
  title: string,
  status: 'sending' | 'paused' = 'sending'
) {
  const alert = await Alert.create({
    organisationId: organisation.id,
    title,
    body: 'Body',
    priority: 2,
    status,
    criteria: { areaIds: [areaId] },
  })
  const now = sqlTime()
  await db
    .from('alerts')
    .where('id', alert.id)
    .update({ dispatched_at: now, send_requested_at: now })
  await db.table('deliveries').insert(
    residents.map((resident) => ({
      alert_id: alert.id,
      resident_id: resident.id,
      channel: 'email',
      status: 'pending',
      attempts: 0,
      created_at: now,
      updated_at: now,
    }))
  )
  await alert.refresh()
  return alert
}
