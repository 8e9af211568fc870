import { randomUUID } from 'node:crypto'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import encryption from '@adonisjs/core/services/encryption'
import { Secret } from 'otpauth'
import Area from '#models/areas/area'
import Organisation from '#models/platform/organisation'
import User from '#models/platform/user'
import Resident from '#models/residents/resident'
import type { Role } from '#models/platform/membership'
import { sqlTime } from '#services/platform/infrastructure/sql_time'

function square(lng: number, lat: number) {
  return JSON.stringify({
    type: 'Polygon',
    coordinates: [
      [
        [lng, lat],
        [lng + 0.1, lat],
        [lng + 0.1, lat + 0.1],
        [lng, lat + 0.1],
        [lng, lat],
      ],
    ],
  })
}

/** Two districts with wards: enough geography for targeting tests. */
export async function seedAreas() {
  const boston = await Area.create({
    code: 'T-D1',
    name: 'Boston',
    level: 'district',
    geometry: square(0, 52),
  })
  const lincoln = await Area.create({
    code: 'T-D2',
    name: 'Lincoln',
    level: 'district',
    geometry: square(-0.6, 53.2),
  })
  const central = await Area.create({
    code: 'T-W1',
    name: 'Central',
    level: 'ward',
    parentId: boston.id,
  })
  const skirbeck = await Area.create({
    code: 'T-W2',
    name: 'Skirbeck',
    level: 'ward',
    parentId: boston.id,
  })
  const abbey = await Area.create({
    code: 'T-W3',
    name: 'Abbey',
    level: 'ward',
    parentId: lincoln.id,
  })
  return { boston, lincoln, central, skirbeck, abbey }
}

export async function createOrganisation(name = 'Lincolnshire OPCC') {
  return Organisation.create({
    name,
    slug: `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${randomUUID().slice(0, 6)}`,
  })
}

export const STAFF_PASSWORD = 'correct horse battery staple'

interface StaffOptions {
  twoFactor?: boolean
  installAdmin?: boolean
}

/**
 * Staff have two-factor sign-in set up unless told `{ twoFactor: false }` (to test setting it up).
 * `{ installAdmin: true }` also lets them manage the install-wide settings. The options may
 * come in place of the email: createStaff(organisation, 'admin', { installAdmin: true }).
 */
export async function createStaff(
  organisation: Organisation,
  role: Role,
  emailOrOptions: string | StaffOptions = `${role}-${randomUUID().slice(0, 8)}@force.test`,
  options: StaffOptions = {}
) {
  const email =
    typeof emailOrOptions === 'string'
      ? emailOrOptions
      : `${role}-${randomUUID().slice(0, 8)}@force.test`
  const { twoFactor = true, installAdmin = false } =
    typeof emailOrOptions === 'string' ? options : emailOrOptions
  const user = await User.create({
    fullName: `Test ${role}`,
    email,
    password: STAFF_PASSWORD,
    isInstallAdmin: installAdmin,
    ...(twoFactor
      ? {
          totpSecret: encryption.encrypt(new Secret({ size: 20 }).base32),
          totpConfirmedAt: DateTime.now(),
        }
      : {}),
  })
  await user.related('memberships').create({ organisationId: organisation.id, role })
  return user
}

export function uniqueEmail(label = 'resident') {
  return `${label}-${randomUUID().slice(0, 8)}@example.test`
}

/** A confirmed resident living in a ward (and so in its district), consenting to the organisations given. */
export async function createResident(
  ward: Area,
  organisations: Organisation[],
  overrides: Partial<Resident> = {}
) {
  const resident = await Resident.create({
    name: 'Test Resident',
    email: uniqueEmail(),
    status: 'active',
    source: 'web',
    language: 'en',
    priorityThreshold: 1,
    confirmedAt: DateTime.now(),
    emailVerifiedAt: DateTime.now(),
    // A fixture's numbers are proved, as its email is (unverified numbers receive no alerts).
    phoneVerifiedAt: overrides.phone ? DateTime.now() : null,
    landlineVerifiedAt: overrides.landline ? DateTime.now() : null,
    ...overrides,
  })
  await resident.related('areas').attach([ward.id, ...(ward.parentId ? [ward.parentId] : [])])
  for (const organisation of organisations) {
    await db.table('consents').insert({
      resident_id: resident.id,
      organisation_id: organisation.id,
      granted_at: sqlTime(),
    })
  }
  return resident
}

export async function countRows(table: string) {
  const row = await db.from(table).count('* as total').first()
  return Number(row?.total ?? 0)
}
