import { BaseCommand } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/** Counts the reports' daily figures again from the consents and the ledger, showing how far it has got. */
export default class ReportsRebuild extends BaseCommand {
  static commandName = 'reports:rebuild'
  static description =
    'Count the reports’ daily figures again from scratch (after an import, a restore or an upgrade)'
  static options: CommandOptions = { startApp: true }

  async run() {
    const { default: ResidentDayFigures } =
      await import('#services/engagement/reports/daily_figures/resident_day_figures')
    const { default: AlertDeliveryFigures } =
      await import('#services/engagement/reports/daily_figures/alert_delivery_figures')
    const started = Date.now()
    const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`
    let shown = 0
    const residents = await ResidentDayFigures.rebuild((settled, left) => {
      if (settled - shown >= 50_000 || left === 0) {
        shown = settled
        this.logger.info(
          `Residents: ${settled.toLocaleString('en-GB')} counted, ${left.toLocaleString('en-GB')} to go (${elapsed()})`
        )
      }
    })
    this.logger.success(`Residents: ${residents.toLocaleString('en-GB')} counted in ${elapsed()}`)
    const alerts = await AlertDeliveryFigures.rebuild((done, of) => {
      if (done % 100 === 0 || done === of)
        this.logger.info(`Alerts: ${done} of ${of} (${elapsed()})`)
    })
    this.logger.success(
      `Alerts: the deliveries of ${alerts.toLocaleString('en-GB')} finished alerts counted; done in ${elapsed()}`
    )
  }
}
