import AuditLog from '#models/platform/audit_log'
import type { HttpContext } from '@adonisjs/core/http'

interface AuditEntry {
  action: string
  /** Who did it when it was not the signed-in user; null for a system or an API token. */
  userId?: number | null
  organisationId?: number | null
  subjectType?: string
  subjectId?: number
  details?: Record<string, unknown>
}

/**
 * Records who did what to whom, for staff actions on personal data and sends.
 */
export default class AuditLogger {
  static async record(ctx: Pick<HttpContext, 'auth' | 'request'>, entry: AuditEntry) {
    await AuditLog.create({
      userId: entry.userId !== undefined ? entry.userId : (ctx.auth.user?.id ?? null),
      organisationId: entry.organisationId ?? null,
      action: entry.action,
      subjectType: entry.subjectType ?? null,
      subjectId: entry.subjectId ?? null,
      details: entry.details ?? null,
      ip: ctx.request.ip(),
    })
  }

  /** For what the operator of the install did to a member of staff from the command line. */
  static async recordFromCommandLine(
    action: string,
    user: { id: number; email: string },
    details: Record<string, unknown> = {}
  ) {
    await AuditLog.create({
      userId: null,
      organisationId: null,
      action,
      subjectType: 'user',
      subjectId: user.id,
      details: { email: user.email, ...details, by: 'command line' },
      ip: null,
    })
  }
}
