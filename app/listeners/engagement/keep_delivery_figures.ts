import AlertDeliveryFigures from '#services/engagement/reports/daily_figures/alert_delivery_figures'

/**
 * The reports' delivery figures (AlertDeliveryFigures) follow the ledger's
 * events: an alert that finishes is counted once; a receipt that changes
 * one of its deliveries afterwards sends it back to the ledger's count
 * until the daily housekeeping seals it again.
 */
export default class KeepDeliveryFigures {
  async finished({ alertId }: { alertId: number }) {
    await AlertDeliveryFigures.seal(alertId)
  }

  async changed({ alertId }: { alertId: number }) {
    await AlertDeliveryFigures.unseal(alertId)
  }
}
