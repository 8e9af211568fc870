import type { RenderableAlert } from '#contracts/channel'
import { PRIORITIES } from '#contracts/priority'
import Organisation from '#models/platform/organisation'
import { markdownToHtml, markdownToText } from '#services/messaging/alert_markdown'
import { brandingOf } from '#services/messaging/alert_rendering'
import { absoluteUrl } from '#services/messaging/public_alert_view'

/**
 * The alert as it stands in the composer's fields (what the sender typed,
 * not yet saved), rendered as a channel renders it, for the `staff.composer`
 * slot: a channel plugin previews its own version (a call's script and
 * length) from it. Null while the title and body are both empty.
 */
export async function composerAlert(
  organisationId: number,
  fields: { title: string; body: string; priority: string },
  alertId: number | null
): Promise<RenderableAlert | null> {
  if (!fields.title.trim() && !fields.body.trim()) return null
  const organisation = await Organisation.findOrFail(organisationId)
  const priority = Number(fields.priority) in PRIORITIES ? Number(fields.priority) : 2
  return {
    id: alertId ?? 0,
    title: fields.title,
    bodyMarkdown: fields.body,
    bodyHtml: markdownToHtml(fields.body),
    bodyText: markdownToText(fields.body),
    priority,
    priorityLabel: PRIORITIES[priority],
    branding: brandingOf(organisation),
    // Not published yet: the public page exists only once it is sent.
    publicUrl: null,
    alertsUrl: absoluteUrl('/my-alerts/received'),
  }
}
