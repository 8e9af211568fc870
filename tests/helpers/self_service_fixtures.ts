import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import Interest from '#models/residents/interest'
import Alert from '#models/messaging/alert'
import Scheme from '#models/residents/scheme'
import type Organisation from '#models/platform/organisation'
import type Resident from '#models/residents/resident'
import ResidentTokens from '#services/residents/registration/resident_tokens'
import { sqlTime } from '#services/platform/infrastructure/sql_time'
import { BrowserLikeSession } from '#tests/helpers/http'
import { createOrganisation, createResident, seedAreas } from '#tests/helpers/fixtures'

/** A place, two organisations, topics and schemes: what a resident's pages offer. */
export async function seedSelfService() {
  const areas = await seedAreas()
  const opcc = await createOrganisation('Lincolnshire OPCC')
  const fire = await createOrganisation('Lincolnshire Fire and Rescue')
  const burglary = await Interest.create({
    slug: 'burglary',
    name: 'Burglary',
    description: 'Break-ins and thefts from homes and sheds',
    position: 1,
  })
  const scams = await Interest.create({ slug: 'scams', name: 'Fraud and scams', position: 2 })
  const watch = await Scheme.create({
    name: 'Skirbeck Neighbourhood Watch',
    kind: 'neighbourhood_watch',
    areaId: areas.skirbeck.id,
  })
  const farms = await Scheme.create({ name: 'Boston Farm Watch', kind: 'farm_watch', areaId: null })
  return { areas, opcc, fire, interests: { burglary, scams }, schemes: { watch, farms } }
}

export type SelfServiceWorld = Awaited<ReturnType<typeof seedSelfService>>

/** A confirmed resident of Central ward who agreed to hear from both organisations. */
export async function residentOf(world: SelfServiceWorld, overrides: Partial<Resident> = {}) {
  return createResident(world.areas.central, [world.opcc, world.fire], overrides)
}

/** A sign-in link's secret, as the resident would find it in their email. */
export function magicLinkSecret(resident: Resident, lifetimeHours = 1) {
  return ResidentTokens.issue(resident.id, 'magic_link', lifetimeHours)
}

/** A browser without JavaScript, signed in as the resident through a magic link. */
export async function signedInAs(resident: Resident) {
  const browser = new BrowserLikeSession()
  const secret = await magicLinkSecret(resident)
  await browser.get(`/my-alerts/sign-in/${secret}`)
  const page = await browser.post(`/my-alerts/sign-in/${secret}`)
  if (!page.text.includes('Signed in as')) {
    throw new Error(`Sign-in failed:\n${page.text.slice(0, 2000)}`)
  }
  return browser
}

/** An alert from the organisation, recorded as sent to the resident (or only queued, with status 'pending'). */
export async function alertTo(
  resident: Resident,
  organisation: Organisation,
  title: string,
  options: { status?: 'sent' | 'pending'; sentAt?: DateTime; priority?: number } = {}
) {
  const alert = await Alert.create({
    organisationId: organisation.id,
    authorId: null,
    title,
    body: `${title}: the details.`,
    priority: options.priority ?? 3,
    status: options.status === 'pending' ? 'sending' : 'sent',
    criteria: { areaIds: [] },
    dispatchedAt: DateTime.now(),
  })
  const status = options.status ?? 'sent'
  const now = sqlTime()
  await db.table('deliveries').insert({
    alert_id: alert.id,
    resident_id: resident.id,
    channel: 'email',
    status,
    attempts: status === 'sent' ? 1 : 0,
    sent_at: status === 'sent' ? sqlTime(options.sentAt ?? DateTime.now()) : null,
    provider_id: status === 'sent' ? `<${alert.id}@beacon.test>` : null,
    created_at: now,
    updated_at: now,
  })
  return alert
}
