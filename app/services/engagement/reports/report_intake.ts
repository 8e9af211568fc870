import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import Alert, { UNSENT_STATUSES } from '#models/messaging/alert'
import Organisation from '#models/platform/organisation'
import AlertReply from '#models/engagement/alert_reply'
import AlertReplyMessage from '#models/engagement/alert_reply_message'
import ReportAttachment from '#models/engagement/report_attachment'
import ReportFiles, { type ReportFileType } from '#services/engagement/reports/report_files'

/** A file that passed the checks, still in the upload folder. */
export interface CheckedFile {
  tmpPath: string
  originalName: string
  size: number
  type: ReportFileType
}

export interface IncomingReport {
  residentId: number
  organisationId: number
  aboutAlertId: number | null
  body: string
  place: string | null
  happenedAt: string | null
  contactPhone: string | null
  files: CheckedFile[]
}

/**
 * Residents' reports ("Tell us something") into the inbox of the organisation
 * they chose, as threads of kind "report" beside the replies: staff filter,
 * assign, answer and close them the same way (ReplyDirectory, ReplyHandling).
 * Every report is its own thread.
 */
export default class ReportIntake {
  /**
   * The organisations a resident may report to: those they hear from (their
   * consents), which are the ones covering where they live that they chose.
   */
  static async organisationsFor(residentId: number) {
    return Organisation.query()
      .whereNull('suspended_at')
      .whereExists(
        db
          .from('consents')
          .whereRaw('consents.organisation_id = organisations.id')
          .where('consents.resident_id', residentId)
          .whereNull('consents.withdrawn_at')
      )
      .orderBy('name')
  }

  /** A sent alert a report may be about, with its organisation; null for anything else. */
  static async aboutAlert(alertId: number) {
    const alert = await Alert.query().where('id', alertId).preload('organisation').first()
    if (!alert || UNSENT_STATUSES.includes(alert.status)) return null
    return alert
  }

  /**
   * Records the report and keeps its files. The files are moved in before the
   * rows are written and removed again if writing fails, so no row names a
   * missing file and no file outlives a failed report.
   */
  static async submit(report: IncomingReport): Promise<AlertReply> {
    const kept: { file: CheckedFile; storedName: string }[] = []
    try {
      for (const file of report.files) {
        kept.push({ file, storedName: await ReportFiles.keep(file.tmpPath, file.type) })
      }
      const now = DateTime.now()
      return await db.transaction(async (trx) => {
        const thread = await AlertReply.create(
          {
            organisationId: report.organisationId,
            kind: 'report',
            alertId: null,
            aboutAlertId: report.aboutAlertId,
            residentId: report.residentId,
            state: 'new',
            assignedToId: null,
            place: report.place,
            happenedAt: report.happenedAt,
            contactPhone: report.contactPhone,
            receivedAt: now,
            lastMessageAt: now,
          },
          { client: trx }
        )
        await AlertReplyMessage.create(
          {
            replyId: thread.id,
            author: 'resident',
            userId: null,
            via: 'web',
            body: report.body,
            createdAt: now,
          },
          { client: trx }
        )
        for (const { file, storedName } of kept) {
          await ReportAttachment.create(
            {
              replyId: thread.id,
              storedName,
              originalName: file.originalName.slice(0, 255),
              contentType: file.type.contentType,
              size: file.size,
              createdAt: now,
            },
            { client: trx }
          )
        }
        return thread
      })
    } catch (error) {
      await ReportFiles.remove(kept.map(({ storedName }) => storedName))
      throw error
    }
  }
}
