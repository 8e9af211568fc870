import { DateTime } from 'luxon'
import Alert from '#models/messaging/alert'
import type Organisation from '#models/platform/organisation'
import type User from '#models/platform/user'
import type { Role } from '#models/platform/membership'
import SchemeAlerts from '#services/messaging/scheme_alerts'
import { createResident } from '#tests/helpers/fixtures'
import { createScheme, joinSchemes } from '#tests/helpers/resident_fixtures'
import { coordinate, pendingRequest } from '#tests/helpers/coordination_fixtures'
import Area from '#models/areas/area'
import Membership from '#models/platform/membership'

const MEMBER = 'Coordinated Scheme Member'
// The scheme the admin saves for the coordinator: set when the row's path is made (fields are not async).
let schemeToKeep = 0
const ASKER = 'Asking Neighbour'

interface CoordinationWorld {
  home: Organisation
  staff: Record<Role, User>
  invitationId: number
}

/**
 * The coordinators' pages, as rows of the access matrix
 * (tests/functional/platform/access_matrix.spec.ts). The home organisation's
 * coordinator looks after "Home Watch"; "Quiet Lane Watch" has no
 * coordinator, so its requests are for the admins; `notFoundFor` are the roles
 * that may open the page kind but to whom this record is not theirs.
 */
export function coordinationMatrixRows<World extends CoordinationWorld, Row>(): Row[] {
  const built = new WeakMap<World, ReturnType<typeof build>>()
  const build = async (world: World) => {
    const central = await Area.findByOrFail('name', 'Central')
    const watched = await createScheme('Home Watch', 'neighbourhood_watch', central)
    const quiet = await createScheme('Quiet Lane Watch', 'neighbourhood_watch', central)
    await coordinate(world.staff.coordinator, world.home, [watched])
    const member = await createResident(central, [world.home], { name: MEMBER })
    await joinSchemes(member, [watched, quiet])
    const membership = await Membership.query()
      .where('user_id', world.staff.coordinator.id)
      .firstOrFail()
    return { watched, quiet, membershipId: membership.id }
  }
  const of = (world: World) => {
    if (!built.has(world)) built.set(world, build(world))
    return built.get(world)!
  }
  const watched = async (world: World) => (await of(world)).watched
  const quiet = async (world: World) => (await of(world)).quiet
  const approvedAlert = async (world: World) => {
    const scheme = await watched(world)
    return Alert.create({
      organisationId: world.home.id,
      authorId: world.staff.coordinator.id,
      title: 'Approved scheme alert',
      body: 'Lock your sheds.',
      priority: 1,
      status: 'approved',
      approvedAt: DateTime.now(),
      criteria: await SchemeAlerts.criteriaFor(scheme.id),
    })
  }
  const alertFields = { title: 'Sheds broken into', body: 'Lock your shed.', priority: '1' }
  const rows = [
    {
      action: 'your schemes',
      method: 'GET',
      path: async (world: World) => (await of(world), '/staff/my-schemes'),
      allowed: ['coordinator'],
      otherOrganisation: 'forbidden',
      secret: () => 'Home Watch',
    },
    {
      action: 'a coordinated scheme’s members',
      method: 'GET',
      path: async (world: World) => `/staff/my-schemes/${(await watched(world)).id}`,
      allowed: ['coordinator'],
      otherOrganisation: 'forbidden',
      secret: () => MEMBER,
    },
    {
      action: 'another scheme’s members',
      method: 'GET',
      path: async (world: World) => `/staff/my-schemes/${(await quiet(world)).id}`,
      allowed: [],
      notFoundFor: ['coordinator'],
      otherOrganisation: 'forbidden',
      secret: () => MEMBER,
    },
    {
      action: 'write an alert to a coordinated scheme',
      method: 'GET',
      path: async (world: World) => `/staff/my-schemes/${(await watched(world)).id}/alerts/new`,
      allowed: ['coordinator'],
      otherOrganisation: 'forbidden',
    },
    {
      action: 'send an alert to a coordinated scheme',
      method: 'POST',
      path: async (world: World) => `/staff/my-schemes/${(await watched(world)).id}/alerts`,
      fields: alertFields,
      allowed: ['coordinator'],
      otherOrganisation: 'forbidden',
      // Submitted or sending, as the organisation's approval rule then is (a row above turns it off).
      done: 'Sheds broken into',
    },
    {
      action: 'send an alert to another scheme',
      method: 'POST',
      path: async (world: World) => `/staff/my-schemes/${(await quiet(world)).id}/alerts`,
      fields: alertFields,
      allowed: [],
      notFoundFor: ['coordinator'],
      otherOrganisation: 'forbidden',
    },
    {
      action: 'send an approved alert to a coordinated scheme',
      method: 'POST',
      path: async (world: World) =>
        `/staff/my-schemes/${(await watched(world)).id}/alerts/${(await approvedAlert(world)).id}/send`,
      allowed: ['coordinator'],
      otherOrganisation: 'forbidden',
      done: 'has started',
    },
    {
      action: 'requests to join schemes',
      method: 'GET',
      path: async (world: World) => {
        await pendingRequest(await watched(world), world.home, ASKER)
        return '/staff/scheme-requests'
      },
      allowed: ['admin', 'coordinator'],
      secretSeenBy: ['coordinator'],
      otherOrganisation: 'own',
      secret: () => ASKER,
    },
    {
      action: 'a request to join a coordinated scheme',
      method: 'GET',
      path: async (world: World) =>
        `/staff/scheme-requests/${(await pendingRequest(await watched(world), world.home, ASKER)).request.id}`,
      allowed: ['coordinator'],
      notFoundFor: ['admin'],
      otherOrganisation: 'not_found',
      secret: () => ASKER,
    },
    {
      action: 'a request to join a scheme without a coordinator',
      method: 'GET',
      path: async (world: World) =>
        `/staff/scheme-requests/${(await pendingRequest(await quiet(world), world.home, ASKER)).request.id}`,
      allowed: ['admin'],
      notFoundFor: ['coordinator'],
      otherOrganisation: 'not_found',
      secret: () => ASKER,
    },
    {
      action: 'approve a request to join',
      method: 'POST',
      path: async (world: World) =>
        `/staff/scheme-requests/${(await pendingRequest(await watched(world), world.home, ASKER)).request.id}/approve`,
      allowed: ['coordinator'],
      notFoundFor: ['admin'],
      otherOrganisation: 'not_found',
      done: 'is now a member of Home Watch',
    },
    {
      action: 'decline a request to join',
      method: 'POST',
      path: async (world: World) =>
        `/staff/scheme-requests/${(await pendingRequest(await quiet(world), world.home, ASKER)).request.id}/decline`,
      fields: { reason: 'Only for Quiet Lane itself' },
      allowed: ['admin'],
      notFoundFor: ['coordinator'],
      otherOrganisation: 'not_found',
      done: 'You declined',
    },
    {
      action: 'a coordinator’s schemes on the team page',
      method: 'GET',
      path: async (world: World) => `/staff/team/members/${(await of(world)).membershipId}/schemes`,
      allowed: ['admin'],
      otherOrganisation: 'not_found',
    },
    {
      action: 'save a coordinator’s schemes',
      method: 'POST',
      path: async (world: World) => {
        schemeToKeep = (await watched(world)).id
        return `/staff/team/members/${(await of(world)).membershipId}/schemes`
      },
      fields: () => ({ 'schemeIds[]': [String(schemeToKeep)] }),
      allowed: ['admin'],
      otherOrganisation: 'not_found',
      done: 'schemes have been saved',
    },
    {
      action: 'an invitation’s schemes',
      method: 'GET',
      path: (world: World) => `/staff/team/invitations/${world.invitationId}/schemes`,
      allowed: ['admin'],
      otherOrganisation: 'not_found',
    },
    {
      action: 'save an invitation’s schemes',
      method: 'POST',
      path: (world: World) => `/staff/team/invitations/${world.invitationId}/schemes`,
      fields: {},
      allowed: ['admin'],
      otherOrganisation: 'not_found',
    },
  ]
  return rows as Row[]
}
