import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'

/**
 * The alerts an organisation's reports count: its own, and the joint alerts
 * it co-signed (approved), so that a joint alert counts in both
 * organisations' reports. For `.where(alertsOf(id))` on a query over alerts.
 */
export function alertsOf(organisationId: number, table = 'alerts') {
  return (query: DatabaseQueryBuilderContract) => {
    query
      .where(`${table}.organisation_id`, organisationId)
      .orWhere((joint) =>
        joint
          .where(`${table}.cosigner_organisation_id`, organisationId)
          .where(`${table}.cosign_status`, 'approved')
      )
  }
}
