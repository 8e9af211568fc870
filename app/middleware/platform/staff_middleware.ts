import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import type Membership from '#models/platform/membership'
import OrganisationSwitching from '#services/platform/organisations/organisation_switching'
import OrganisationSuspension from '#services/platform/organisations/organisation_suspension'

/**
 * Loads the signed-in member of staff's organisation for the request: the one
 * they chose with "Switch organisation", or their first. Staff without any
 * membership see a page that says so.
 */
export default class StaffMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const user = ctx.auth.getUserOrFail()
    await user.load('memberships', (query) => query.preload('organisation').orderBy('id'))
    const membership = OrganisationSwitching.current(ctx, user)
    if (!membership) {
      return ctx.response.forbidden(await ctx.view.render('pages/errors/no_organisation'))
    }
    ctx.membership = membership
    ctx.view.share({
      currentMembership: membership,
      currentOrganisation: membership.organisation,
      staffMemberships: user.memberships,
      // For the banner that tells a suspended organisation's staff why they cannot send.
      suspensionContact: membership.organisation.suspendedAt
        ? await OrganisationSuspension.installContacts()
        : null,
    })
    return next()
  }
}

declare module '@adonisjs/core/http' {
  export interface HttpContext {
    membership: Membership
  }
}
