import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import env from '#start/env'
import Organisation from '#models/platform/organisation'
import { LONDON } from '#services/platform/infrastructure/london_time'
import { sqlTime } from '#services/platform/infrastructure/sql_time'
import TransactionalMail from '#services/platform/infrastructure/transactional_mail'
import MonthlyKpi from '#services/engagement/reports/monthly_kpi'

/** The roles that get the monthly figures: those that may open the organisation's reports. */
export const KPI_ROLES = ['admin', 'analyst'] as const

/**
 * Last month's figures, emailed once to each organisation's admins and
 * analysts. The daily housekeeping asks every day, so a month missed while
 * the install was down is sent the first day it is up; the row claimed in
 * monthly_kpi_emails before any mail goes makes it once per organisation
 * and month, however many workers ask.
 */
export default class MonthlyKpiMailer {
  /** Sends the month before `now` (UK time) where it is due; answers how many organisations were sent it. */
  static async sendDue(now: DateTime = DateTime.now()) {
    const start = now.setZone(LONDON).startOf('month').minus({ months: 1 })
    const until = start.plus({ months: 1 })
    const organisations = await Organisation.query()
      .whereNull('suspended_at')
      // An organisation created since has no month to report.
      .where('created_at', '<', sqlTime(until))
      .orderBy('id')
    let sent = 0
    for (const organisation of organisations) {
      if (await this.send(organisation, start)) sent++
    }
    return sent
  }

  static async send(organisation: Organisation, start: DateTime) {
    const month = start.toFormat('yyyy-MM')
    try {
      await db
        .table('monthly_kpi_emails')
        .insert({ organisation_id: organisation.id, month, recipients: 0, sent_at: sqlTime() })
    } catch (error) {
      // Claimed already: sent by another worker, or on an earlier day.
      const code = (error as { code?: string } | null)?.code
      if (code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE') return false
      throw error
    }

    const members = await db
      .from('memberships')
      .join('users', 'users.id', 'memberships.user_id')
      .where('memberships.organisation_id', organisation.id)
      .whereIn('memberships.role', [...KPI_ROLES])
      .orderBy('users.id')
      .select('users.email', 'users.full_name')
    const figures = await MonthlyKpi.figures(organisation.id, start)
    const reportsUrl = `${env.get('APP_URL').replace(/\/$/, '')}/staff/reports/residents?period=last-month`
    for (const member of members) {
      await TransactionalMail.queue(
        member.email,
        `${organisation.name}: ${figures.month} in figures`,
        'monthly_kpi',
        { name: member.full_name, organisationName: organisation.name, figures, reportsUrl }
      )
    }
    await db
      .from('monthly_kpi_emails')
      .where({ organisation_id: organisation.id, month })
      .update({ recipients: members.length })
    return true
  }
}
