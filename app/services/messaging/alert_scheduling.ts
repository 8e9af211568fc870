import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import Alert from '#models/messaging/alert'
import type User from '#models/platform/user'
import AuditLog from '#models/platform/audit_log'
import queues from '#services/platform/infrastructure/queue'
import AlertApproval, { WorkflowRefusal } from '#services/messaging/alert_approval'
import AlertSpendApproval from '#services/messaging/alert_spend_approval'
import AlertSending, { SendRefusedError } from '#services/messaging/alert_sending'
import AlertStatusGuard from '#services/messaging/alert_status'
import OrganisationSuspension from '#services/platform/organisations/organisation_suspension'
import LondonTime, { type LocalDateTime } from '#services/platform/infrastructure/london_time'
import { sqlTime } from '#services/platform/infrastructure/sql_time'
import { exampleScheduleDate } from '#validators/messaging/alert_schedule'

export const SCHEDULE_QUEUE = 'schedule'

/** A refused time, with the form field it belongs to. */
export class ScheduleRefusal extends Error {
  constructor(
    readonly field: 'day' | 'year' | 'time',
    message: string
  ) {
    super(message)
  }
}

/**
 * "Send later": a time chosen in UK wall-clock time, stored in UTC. A delayed
 * job starts the send when it is due; every worker also looks for due sends
 * that lost their job (a Redis restart). Both go through one conditional
 * update in AlertSending, so a scheduled alert starts exactly once.
 */
export default class AlertScheduling {
  /** Turns the form's London time into an instant, or refuses it with a reason. */
  static resolve(local: LocalDateTime, now: DateTime = DateTime.now()) {
    const conversion = LondonTime.toUtc(local)
    if (conversion.kind === 'invalid') {
      throw new ScheduleRefusal('day', `Enter a real date, for example ${exampleScheduleDate()}`)
    }
    const wall = `${String(local.hour).padStart(2, '0')}:${String(local.minute).padStart(2, '0')}`
    if (conversion.kind === 'nonexistent') {
      const day = DateTime.fromObject(
        { year: local.year, month: local.month, day: local.day },
        { zone: 'utc' }
      ).toFormat('cccc d LLLL yyyy')
      throw new ScheduleRefusal(
        'time',
        `${wall} does not exist on ${day}: the clocks go forward an hour at 01:00. Choose a time before 01:00 or from 02:00`
      )
    }
    if (conversion.instant <= now) {
      throw new ScheduleRefusal(
        'time',
        `The time must be in the future. It is now ${LondonTime.describe(now)}`
      )
    }
    if (conversion.instant > now.plus({ years: 1 })) {
      throw new ScheduleRefusal('year', 'Choose a time within the next 12 months')
    }
    const notice =
      conversion.kind === 'ambiguous'
        ? `The clocks go back that night, so ${wall} happens twice: the alert will go at the first ${wall} (BST), an hour before ${wall} GMT.`
        : null
    return { instant: conversion.instant.toUTC(), notice }
  }

  static async schedule(alert: Alert, user: User, local: LocalDateTime) {
    const { instant, notice } = this.resolve(local)
    if (!['draft', 'approved'].includes(alert.status)) {
      throw new WorkflowRefusal(`This alert cannot be scheduled: it is ${alert.statusLabel}.`)
    }
    const refusal =
      (await OrganisationSuspension.refusal(alert.organisationId)) ??
      (await AlertApproval.sendRefusal(alert)) ??
      (await AlertSpendApproval.refusal(alert))
    if (refusal) throw new WorkflowRefusal(refusal)

    const scheduled = await AlertStatusGuard.change(alert.id, {
      from: alert.status,
      to: 'scheduled',
      set: { scheduled_at: sqlTime(instant), status_reason: null },
    })
    if (!scheduled) {
      await alert.refresh()
      throw new WorkflowRefusal(`This alert cannot be scheduled: it is ${alert.statusLabel}.`)
    }
    await alert.refresh()
    await AlertApproval.record(alert, user, 'scheduled', `For ${LondonTime.describe(instant)}`)
    await this.enqueue(alert.id, instant)
    return { instant, notice }
  }

  /** Back to where it was before scheduling: approved if an approver approved it, else a draft. */
  static async cancel(alert: Alert, user: User) {
    const cancelled = await AlertStatusGuard.change(alert.id, {
      from: 'scheduled',
      to: alert.approvedAt ? 'approved' : 'draft',
      set: { scheduled_at: null },
    })
    await alert.refresh()
    if (!cancelled) {
      throw new WorkflowRefusal(
        `There is no scheduled send to cancel: the alert is ${alert.statusLabel}.`
      )
    }
    await AlertApproval.record(alert, user, 'unscheduled')
  }

  /** The job id names the alert and its time, so a new time is a new job and a stale one does nothing. */
  static async enqueue(alertId: number, instant: DateTime) {
    await queues.add(
      SCHEDULE_QUEUE,
      { alertId },
      {
        id: `alert-${alertId}-at-${instant.toMillis()}`,
        delayUntil: instant.toJSDate(),
        timeoutMs: 120_000,
      }
    )
  }

  /** Starts the send if it is due and still scheduled; false when it is not, or another worker did. */
  static async startIfDue(alertId: number, now: DateTime = DateTime.now()) {
    const alert = await Alert.query()
      .where('id', alertId)
      .preload('organisation')
      .preload('cosignerOrganisation')
      .first()
    if (!alert || alert.status !== 'scheduled' || !alert.scheduledAt) return false
    // A delayed job may wake a moment early by another process's clock.
    if (alert.scheduledAt > now.plus({ seconds: 1 })) return false

    if (alert.organisation.requiresApproval && !alert.approvedAt) {
      return this.#fail(
        alert,
        'Your organisation now needs alerts approved before they are sent. Submit it for approval.'
      )
    }
    try {
      const started = await AlertSending.start(alert, { scheduled: true })
      if (started) {
        await this.#audit(alert, 'alert.schedule_started', {
          audience: alert.audienceCount,
        })
      }
      return started
    } catch (error) {
      if (!(error instanceof SendRefusedError)) throw error
      return this.#fail(alert, error.message)
    }
  }

  /** Every due scheduled send, for the workers' periodic check. */
  static async startDue(now: DateTime = DateTime.now()) {
    const due = await db
      .from('alerts')
      .where('status', 'scheduled')
      .where('scheduled_at', '<=', sqlTime(now))
      .orderBy('scheduled_at')
      .limit(100)
      .select('id')
    let started = 0
    for (const row of due) {
      try {
        if (await this.startIfDue(Number(row.id), now)) started++
      } catch (error) {
        logger.error({ err: error, alertId: row.id }, 'scheduled send failed to start')
      }
    }
    return started
  }

  static async #fail(alert: Alert, reason: string) {
    const when = alert.scheduledAt ? LondonTime.describe(alert.scheduledAt) : 'its time'
    const statusReason = `The scheduled send for ${when} did not go: ${reason}`
    const failed = await AlertStatusGuard.change(alert.id, {
      from: 'scheduled',
      to: alert.approvedAt ? 'approved' : 'draft',
      set: { scheduled_at: null, status_reason: statusReason.slice(0, 500) },
    })
    if (!failed) return false
    await AlertApproval.record(alert, null, 'schedule_failed', reason)
    await this.#audit(alert, 'alert.schedule_failed', { reason })
    return false
  }

  // The worker has no request: the entry is the system's, with no user and no address.
  static async #audit(alert: Alert, action: string, details: Record<string, unknown>) {
    await AuditLog.create({
      userId: null,
      organisationId: alert.organisationId,
      action,
      subjectType: 'alert',
      subjectId: alert.id,
      details,
      ip: null,
    })
  }
}
