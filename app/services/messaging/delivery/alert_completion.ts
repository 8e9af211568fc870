import db from '@adonisjs/lucid/services/db'
import emitter from '@adonisjs/core/services/emitter'
import AlertStatusGuard from '#services/messaging/alert_status'
import { sqlTime } from '#services/platform/infrastructure/sql_time'

/**
 * Closes an alert once it is fully dispatched and no delivery is still in
 * flight, and raises `alert:completed`. The guarded status change makes
 * concurrent callers safe: only one of them closes it and raises the event.
 */
export default class AlertCompletion {
  /** Send jobs under way in this process, by alert, and whether one that ended left its check to them. */
  static #sending = new Map<number, { jobs: number; owed: boolean }>()

  /**
   * Runs a send job and then, if it says the alert may have finished, checks
   * whether it has: once per quiet spell rather than once per job. While
   * another of the alert's jobs runs in this process, a job that ends leaves
   * the check to the last one to end (whatever way it ends), which sees the
   * rows of every job before it written: that job's own rows are still open
   * until then, so the alert could not have been closed any sooner.
   */
  static async afterSendJob(alertId: number, job: () => Promise<boolean>) {
    const running = this.#sending.get(alertId) ?? { jobs: 0, owed: false }
    running.jobs++
    this.#sending.set(alertId, running)
    let mayHaveFinished = false
    try {
      mayHaveFinished = await job()
    } finally {
      running.jobs--
      running.owed ||= mayHaveFinished
      if (running.jobs === 0) {
        this.#sending.delete(alertId)
        if (running.owed) await this.closeIfFinished(alertId)
      }
    }
  }

  static async closeIfFinished(alertId: number) {
    // Every send job asks this: finding one open row is cheap, counting them all is not.
    const open = await db
      .from('deliveries')
      .where('alert_id', alertId)
      .whereIn('status', ['pending', 'sending'])
      .select('id')
      .first()
    if (open) return false

    const closed = await AlertStatusGuard.change(alertId, {
      from: 'sending',
      to: 'sent',
      set: { completed_at: sqlTime() },
      dispatched: true,
    })
    if (!closed) return false
    const row = await db.from('alerts').where('id', alertId).select('organisation_id').first()
    await emitter.emit('alert:completed', {
      alertId: alertId,
      organisationId: Number(row.organisation_id),
    })
    return true
  }
}
