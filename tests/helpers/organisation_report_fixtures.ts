import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import type Area from '#models/areas/area'
import type Organisation from '#models/platform/organisation'
import type Resident from '#models/residents/resident'
import { LONDON } from '#services/platform/infrastructure/london_time'
import { sqlTime } from '#services/platform/infrastructure/sql_time'
import { alertFor } from '#tests/helpers/archive_fixtures'
import { createOrganisation, createResident, seedAreas } from '#tests/helpers/fixtures'

/** The period the tests choose: March 2026 (31 days); the one before is 29 January to 28 February 2026. */
export const MARCH_2026 =
  'period=custom&fromDay=1&fromMonth=3&fromYear=2026&toDay=31&toMonth=3&toYear=2026'

/** An instant on the UK clock: "2026-03-31T23:30". */
export const london = (local: string) => DateTime.fromISO(local, { zone: LONDON })

async function resident(
  ward: Area,
  organisations: Organisation[],
  grantedAt: string,
  overrides: Partial<Resident> = {},
  withdrawnAt?: string
): Promise<Resident> {
  const created = await createResident(ward, organisations, overrides)
  await db
    .from('consents')
    .where('resident_id', created.id)
    .update({
      granted_at: sqlTime(london(grantedAt)),
      withdrawn_at: withdrawnAt ? sqlTime(london(withdrawnAt)) : null,
    })
  return created
}

/**
 * The police's residents, by hand, for March 2026 (B is the fire service):
 *   A web, Central, since 10 Jan         counted 29 Jan, 1 Mar, 31 Mar
 *   B doorstep, Skirbeck, since 10 Feb   counted 1 Mar, 31 Mar
 *   C import, Abbey, since 15 Mar        counted 31 Mar
 *   D web, Central, since 20 Mar         counted 31 Mar
 *   E web, Abbey, 5 Jan, withdrew 10 Mar counted 29 Jan, 1 Mar
 *   F doorstep, Central, 1 Feb, stopped all alerts 25 Mar: counted 1 Mar
 *   J web, Skirbeck, since 2 Mar         counted 31 Mar
 *   G web, Central, since 5 Apr (after the period): counted today only
 *   H still to confirm, consent from 1 Feb: never counted
 *   the fire service's resident since 1 Mar: never the police's
 * So 2 → 4 in the 31 days before, 4 → 5 in March.
 */
export async function residentsOfMarch() {
  const { central, skirbeck, abbey } = await seedAreas()
  const police = await createOrganisation('Lincolnshire Police')
  const fire = await createOrganisation('Lincolnshire Fire and Rescue')
  await resident(central, [police, fire], '2026-01-10T12:00')
  await resident(skirbeck, [police], '2026-02-10T12:00', { source: 'doorstep' })
  await resident(abbey, [police], '2026-03-15T12:00', { source: 'import' })
  await resident(central, [police], '2026-03-20T12:00')
  await resident(abbey, [police], '2026-01-05T12:00', {}, '2026-03-10T12:00')
  await resident(central, [police], '2026-02-01T12:00', {
    source: 'doorstep',
    status: 'unsubscribed',
    unsubscribedAt: london('2026-03-25T12:00').toUTC(),
  })
  await resident(skirbeck, [police], '2026-03-02T12:00')
  await resident(central, [police], '2026-04-05T12:00')
  await resident(central, [police], '2026-02-01T12:00', { status: 'pending' })
  await resident(central, [fire], '2026-03-01T12:00')
  return { police, fire }
}

async function sent(
  organisation: Organisation,
  ward: Area,
  dispatchedAt: string | null,
  category: string | null,
  priority: number,
  deliveries: Record<string, Record<string, number>>
) {
  const alert = await alertFor(organisation, [ward], { category, priority })
  await db
    .from('alerts')
    .where('id', alert.id)
    .update({ dispatched_at: dispatchedAt ? sqlTime(london(dispatchedAt)) : null })
  const residents = new Map<number, number>()
  for (const [channel, statuses] of Object.entries(deliveries)) {
    let index = 0
    for (const [status, count] of Object.entries(statuses)) {
      for (let one = 0; one < count; one++) {
        // One resident per delivery of a channel (the ledger allows one per alert, resident and channel).
        if (!residents.has(index))
          residents.set(index, (await createResident(ward, [organisation])).id)
        await db.table('deliveries').insert({
          alert_id: alert.id,
          resident_id: residents.get(index++),
          channel,
          status,
          attempts: 1,
          created_at: sqlTime(),
          updated_at: sqlTime(),
        })
      }
    }
  }
  return alert
}

/**
 * The police's alerts, by hand, for March 2026:
 *   5 Mar, burglary, Warning: email 3 delivered, 2 sent, 1 failed, 1 skipped; sms 2 sent, 2 failed
 *   20 Mar, burglary, Urgent: email 1 sent, 1 pending
 *   31 Mar 23:30 (UK), fraud and scams, Warning: email 1 failed
 *   10 Feb (previous period), no category, Information: email 4 sent; sms 1 failed
 *   5 Apr, 20 Jan, a draft, and the fire service's 6 Mar alert: never counted
 */
export async function alertsOfMarch() {
  const { central } = await seedAreas()
  const police = await createOrganisation('Lincolnshire Police')
  const fire = await createOrganisation('Lincolnshire Fire and Rescue')
  await sent(police, central, '2026-03-05T10:00', 'burglary', 3, {
    email: { delivered: 3, sent: 2, failed: 1, skipped: 1 },
    sms: { sent: 2, failed: 2 },
  })
  await sent(police, central, '2026-03-20T10:00', 'burglary', 4, {
    email: { sent: 1, pending: 1 },
  })
  await sent(police, central, '2026-03-31T23:30', 'fraud-and-scams', 3, { email: { failed: 1 } })
  await sent(police, central, '2026-02-10T10:00', null, 1, {
    email: { sent: 4 },
    sms: { failed: 1 },
  })
  await sent(police, central, '2026-04-05T10:00', 'burglary', 3, { email: { sent: 9 } })
  await sent(police, central, '2026-01-20T10:00', 'burglary', 3, { email: { sent: 7 } })
  await sent(police, central, null, 'burglary', 3, {})
  await sent(fire, central, '2026-03-06T10:00', 'burglary', 5, { email: { failed: 5 } })
  return { police, fire }
}

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/\s+/g, ' ')
    .trim()

/** The rows of a table on the page (body, then footer), each cell as the reader sees it. */
export function tableRows(html: string, id: string) {
  const table = html.match(
    new RegExp(`<table[^>]*(?:id|data-chart-table)="${id}"[^>]*>([\\s\\S]*?)</table>`)
  )
  if (!table) throw new Error(`No table ${id}`)
  const body = table[1].replace(/<thead[\s\S]*?<\/thead>/, '')
  return [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1].matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) => text(cell[1]))
  )
}

/** What a summary's cell says, by its data attribute: data-growth="current". */
export function summaryText(html: string, attribute: string) {
  const cell = html.match(new RegExp(`<dd[^>]*${attribute}[^>]*>([\\s\\S]*?)</dd>`))
  if (!cell) throw new Error(`No summary ${attribute}`)
  return text(cell[1])
}

/** The error messages of the period picker's summary. */
export function periodErrors(html: string) {
  const list = html.match(/<ul[^>]*id="period-errors"[^>]*>([\s\S]*?)<\/ul>/)
  return list ? [...list[1].matchAll(/<a[^>]*>([\s\S]*?)<\/a>/g)].map((one) => text(one[1])) : []
}
