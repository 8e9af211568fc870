import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { sendAlertAndRead } from '#tests/helpers/alert_emails'
import { sqlTime } from '#services/platform/infrastructure/sql_time'
import env from '#start/env'
import type { ReceivedMail } from '#tests/helpers/smtp_sink'
import { createOrganisation, createResident, seedAreas } from '#tests/helpers/fixtures'

// What a mail app sends: a browser's name (an empty or bot's name is not counted).
const MAIL_APP = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Thunderbird/128.0'

/** An alert body with two web links, one with an ampersand, one bare at the end of a sentence. */
export const TRACKED_BODY =
  'Lock your shed. Read [the advice](https://police.example/advice?a=1&b=2) or report it at https://police.example/report.'

/** Four residents of a ward, the last of whom declines tracking; their organisation tracks (or not). */
export async function trackingWorld(tracks = true) {
  const { central } = await seedAreas()
  const police = await createOrganisation('Lincolnshire Police')
  police.tracksEngagement = tracks
  await police.save()
  const ada = await createResident(central, [police], { name: 'Ada Opener' })
  const bert = await createResident(central, [police], { name: 'Bert Glancer' })
  const cara = await createResident(central, [police], { name: 'Cara Ignorer' })
  const dev = await createResident(central, [police], {
    name: 'Dev Decliner',
    declinesTracking: true,
  })
  return { central, police, ada, bert, cara, dev }
}

/** The tracking image's address in an email's HTML, or null. */
export function pixelOf(mail: ReceivedMail) {
  return mail.html.match(/<img src="([^"]+\/o\/[^"]+\.gif)"/)?.[1] ?? null
}

/** The addresses of the links in the alert's own words (the HTML part), in order. */
export function bodyLinksOf(mail: ReceivedMail) {
  const body = mail.html.slice(
    mail.html.indexOf('data-alert-body>'),
    mail.html.indexOf('<!-- end of alert body -->')
  )
  return [...body.matchAll(/href="([^"]+)"/g)].map((match) => match[1].replaceAll('&amp;', '&'))
}

/** Loads an address as a mail app would, without following a redirect. */
export async function load(url: string, userAgent = MAIL_APP) {
  const response = await fetch(url, { redirect: 'manual', headers: { 'User-Agent': userAgent } })
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    location: response.headers.get('location'),
    cookies: response.headers.getSetCookie(),
    cacheControl: response.headers.get('cache-control'),
    body: Buffer.from(await response.arrayBuffer()),
  }
}

/** The recorded opens and clicks, by resident name. */
export async function engagementsByName() {
  const rows = await db
    .from('delivery_engagements')
    .join('residents', 'residents.id', 'delivery_engagements.resident_id')
    .select('residents.name', 'delivery_engagements.*')
    .orderBy('residents.name')
  return rows.map((row) => ({
    name: row.name as string,
    opened: row.first_opened_at !== null,
    opens: Number(row.open_count),
    clicked: row.first_clicked_at !== null,
    clicks: Number(row.click_count),
  }))
}

export const appUrl = () => env.get('APP_URL').replace(/\/$/, '')

/**
 * Two alerts to the same four residents (the fourth declines tracking). This
 * period's: Ada opens and clicks, Bert opens. One sent 100 days ago, in the
 * 90 days before: Cara opens. By hand: this period 4 delivered, 2 opened
 * (50%), 1 clicked (25%); the previous 4, 1 (25%), 0 (0%).
 */
export async function twoTrackedAlerts() {
  const world = await trackingWorld()
  const readers = [world.ada, world.bert, world.cara, world.dev].map((one) => one.email!)
  const send = (title: string) =>
    sendAlertAndRead(
      { organisationId: world.police.id, areaIds: [world.central.id], title, body: TRACKED_BODY },
      readers
    )
  const now = await send('Sheds broken into')
  await load(pixelOf(now.mails[0])!)
  await load(bodyLinksOf(now.mails[0])[1])
  await load(pixelOf(now.mails[1])!)
  const before = await send('Vans seen at night')
  await load(pixelOf(before.mails[2])!)
  await db
    .from('alerts')
    .where('id', before.alert.id)
    .update({ dispatched_at: sqlTime(DateTime.now().minus({ days: 100 })) })
  return world
}
