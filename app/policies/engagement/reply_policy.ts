import type User from '#models/platform/user'
import CurrentOrganisationPolicy from '#policies/platform/current_organisation_policy'
import { INBOX_ROLES } from '#services/engagement/replies/reply_directory'

/**
 * Who may read residents' replies and answer them: the roles that may see
 * residents' records (ResidentPolicy.viewList) and write to residents (send
 * alerts). Analysts work with figures, not with residents' personal data or
 * in their name; officers sign residents up on the doorstep.
 */
export default class ReplyPolicy extends CurrentOrganisationPolicy {
  use(user: User, organisationId: number) {
    return this.allowedHere(user, organisationId, INBOX_ROLES)
  }
}
