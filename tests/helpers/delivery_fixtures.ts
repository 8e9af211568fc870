import db from '@adonisjs/lucid/services/db'
import Message from '#models/messaging/message'
import type Organisation from '#models/platform/organisation'
import type Resident from '#models/residents/resident'
import { sqlTime } from '#services/platform/infrastructure/sql_time'

/**
 * A message already dispatched to the given residents, its rows pending in
 * the ledger and no job in the queue: the state a lost job or a pause leaves.
 */
export async function dispatchedMessage(
  organisation: Organisation,
  areaId: number,
  residents: Resident[],
  title: string,
  status: 'sending' | 'paused' = 'sending'
) {
  const message = await Message.create({
    organisationId: organisation.id,
    title,
    body: 'Body',
    priority: 2,
    status,
    criteria: { areaIds: [areaId] },
  })
  const now = sqlTime()
  await db
    .from('messages')
    .where('id', message.id)
    .update({ dispatched_at: now, send_requested_at: now })
  await db.table('deliveries').insert(
    residents.map((resident) => ({
      message_id: message.id,
      resident_id: resident.id,
      channel: 'email',
      status: 'pending',
      attempts: 0,
      created_at: now,
      updated_at: now,
    }))
  )
  await message.refresh()
  return message
}
