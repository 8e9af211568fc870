import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import Area from '#models/areas/area'
import Membership from '#models/platform/membership'
import type Organisation from '#models/platform/organisation'
import type User from '#models/platform/user'
import type Resident from '#models/residents/resident'
import type Scheme from '#models/residents/scheme'
import SchemeJoinRequest from '#models/residents/scheme_join_request'
import CoordinatorSchemes from '#services/residents/coordinators/coordinator_schemes'
import { createResident } from '#tests/helpers/fixtures'

/** Gives a coordinator (of `organisation`) these schemes. */
export async function coordinate(user: User, organisation: Organisation, schemes: Scheme[]) {
  const membership = await Membership.query()
    .where('user_id', user.id)
    .where('organisation_id', organisation.id)
    .firstOrFail()
  await CoordinatorSchemes.set(
    membership.id,
    schemes.map((scheme) => scheme.id)
  )
  return membership
}

/** A pending request from a new resident of `organisation`, living in the ward "Central". */
export async function pendingRequest(
  scheme: Scheme,
  organisation: Organisation,
  name = 'Asking Resident'
): Promise<{ request: SchemeJoinRequest; resident: Resident }> {
  const central = await Area.findByOrFail('name', 'Central')
  const resident = await createResident(central, [organisation], { name })
  const request = await SchemeJoinRequest.create({
    schemeId: scheme.id,
    residentId: resident.id,
    status: 'pending',
    askedAt: DateTime.now(),
  })
  return { request, resident }
}

export async function isMember(schemeId: number, residentId: number) {
  const row = await db
    .from('scheme_members')
    .where({ scheme_id: schemeId, resident_id: residentId })
    .first()
  return row ? (row.added_by as string | null) : false
}
