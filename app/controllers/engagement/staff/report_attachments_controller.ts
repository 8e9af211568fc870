import type { HttpContext } from '@adonisjs/core/http'
import AuditLogger from '#services/platform/audit/audit_logger'
import ReplyDirectory from '#services/engagement/replies/reply_directory'
import ReportFiles from '#services/engagement/reports/report_files'

/**
 * A file a resident attached to a report, for staff of the report's
 * organisation who may use the inbox; "not found" for anyone else's. Always
 * a download, never shown in the page: the type is the one its bytes were
 * sniffed as, the browser may not guess another, and a strict CSP stops
 * anything in it from running even if opened in place.
 */
export default class ReportAttachmentsController {
  async show(ctx: HttpContext) {
    const { params, membership, bouncer, response } = ctx
    await bouncer.with('ReplyPolicy').authorize('use', membership.organisationId)
    const thread = await ReplyDirectory.query(membership.organisationId)
      .where('alert_replies.id', params.id)
      .where('alert_replies.kind', 'report')
      .preload('attachments', (attachments) => attachments.where('id', params.attachmentId))
      .firstOrFail()
    const attachment = thread.attachments[0]
    const bytes = attachment ? await ReportFiles.read(attachment.storedName) : null
    if (!attachment || !bytes) return response.notFound('Not found')
    await AuditLogger.record(ctx, {
      action: 'report.attachment_downloaded',
      organisationId: thread.organisationId,
      subjectType: 'alert_reply',
      subjectId: thread.id,
      details: { attachmentId: attachment.id, residentId: thread.residentId },
    })
    const filename = attachment.originalName.replace(/[^\w .()-]/g, '_') || 'attachment'
    response.header('Content-Type', attachment.contentType)
    response.header(
      'Content-Disposition',
      `attachment; filename="${filename}"; filename*=UTF-8''${encodeURIComponent(attachment.originalName)}`
    )
    response.header('X-Content-Type-Options', 'nosniff')
    response.header('Content-Security-Policy', "default-src 'none'; sandbox")
    response.header('Cache-Control', 'private, no-store')
    return response.send(bytes)
  }
}
