import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import db from '@adonisjs/lucid/services/db'
import { createOrganisation, createStaff } from '#tests/helpers/fixtures'

/** What the plugin settings tests share: the fixture plugin's page, good answers, two organisations. */

export const PLUGIN = '/staff/settings/plugins/relay-fixture'
export const VALID = {
  endpoint: 'https://relay.example.org/in',
  apiKey: 'sk-live-0123456789abcdef',
  contactEmail: 'ops@example.org',
  batchSize: '20',
  includeBody: 'true',
  region: 'north',
  signature: 'Lincolnshire OPCC',
}

/** What the raw column holds for an organisation: never the plain text. */
export async function storedFor(organisationId: number) {
  const row = await db
    .from('plugin_organisations')
    .where('plugin_id', 'relay-fixture')
    .where('organisation_id', organisationId)
    .first()
  return row?.settings as string | undefined
}

/** Answers 200 to the right API key and 401 to any other, as a provider would. */
export async function startRelay(acceptedKey: string) {
  const server: Server = createServer((request, response) => {
    response.statusCode = request.headers.authorization === `Bearer ${acceptedKey}` ? 200 : 401
    response.end()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
  return { url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) }
}

export async function twoOrganisations() {
  const lincs = await createOrganisation('Lincolnshire OPCC')
  const fire = await createOrganisation('Lincolnshire Fire')
  const installAdmin = await createStaff(lincs, 'admin', { installAdmin: true })
  const lincsAdmin = await createStaff(lincs, 'admin')
  const fireAdmin = await createStaff(fire, 'admin')
  return { lincs, fire, installAdmin, lincsAdmin, fireAdmin }
}
