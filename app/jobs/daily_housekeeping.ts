import { DateTime } from 'luxon'
import config from '@adonisjs/core/services/config'
import logger from '@adonisjs/core/services/logger'
import redis from '@adonisjs/redis/services/main'
import { redisKey } from '#services/platform/infrastructure/redis_keys'
import UnconfirmedSignUpPurge from '#services/residents/registration/unconfirmed_sign_up_purge'
import SessionRecordPurge from '#services/residents/self_service/session_record_purge'
import ReplyRetentionPurge from '#services/engagement/replies/reply_retention_purge'
import RatingShortLinks from '#services/engagement/rating_short_links'
import MonthlyKpiMailer from '#services/engagement/reports/monthly_kpi_mailer'
import ResidentDayFigures from '#services/engagement/reports/daily_figures/resident_day_figures'
import AlertDeliveryFigures from '#services/engagement/reports/daily_figures/alert_delivery_figures'

/**
 * Work done once a day by whichever worker gets there first: the purge of
 * sign-ups never confirmed, of resident sign-in and contact-change
 * records that no longer matter, and of residents' replies to alerts kept
 * past REPLY_RETENTION_DAYS; the reports' daily figures brought up to date
 * (the week's finished alerts counted again, in case a receipt crossed a
 * seal); and last month's figures to each organisation, once, on the first
 * day in a month a worker runs.
 */
export default class DailyHousekeeping {
  static async runIfDue() {
    const today = DateTime.now().toISODate()
    const claimed = await redis.set(
      redisKey('housekeeping', today!),
      String(process.pid),
      'EX',
      2 * 86_400,
      'NX'
    )
    if (!claimed) return

    const days = config.get<number>('beacon.residents.purgeUnconfirmedAfterDays')
    const purged = await UnconfirmedSignUpPurge.purge(days)
    if (purged > 0) logger.info({ purged, days }, 'purged sign-ups never confirmed')
    const records = await SessionRecordPurge.purge()
    if (records.sessions + records.changes > 0) {
      logger.info(records, 'purged ended resident sessions and settled contact changes')
    }
    const replies = await ReplyRetentionPurge.purge()
    if (replies > 0) logger.info({ replies }, 'purged residents’ replies past their retention')
    const shortLinks = await RatingShortLinks.purgeExpired()
    if (shortLinks > 0) logger.info({ shortLinks }, 'purged expired short rating links')
    // Apart from the purges: figures that fail to add up must not keep data past its time, nor the reverse.
    try {
      const residents = await ResidentDayFigures.settle()
      const alerts = await AlertDeliveryFigures.sealFinished({ recountDays: 7 })
      logger.info({ residents, alerts }, 'brought the reports’ daily figures up to date')
    } catch (error) {
      // The reports settle what is left themselves, and count unsealed alerts from the ledger.
      logger.error({ err: error }, 'reports’ daily figures not brought up to date')
    }
    try {
      const organisations = await MonthlyKpiMailer.sendDue()
      if (organisations > 0) logger.info({ organisations }, 'sent the monthly figures')
    } catch (error) {
      logger.error({ err: error }, 'monthly figures not sent')
    }
  }
}
