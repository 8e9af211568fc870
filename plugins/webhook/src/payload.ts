import type { OrganisationAlert } from '#contracts/organisation_channel'

/** Bumped only when a field changes meaning or goes away; new fields may appear in any version. */
export const PAYLOAD_VERSION = 1

export interface AlertPayload {
  version: typeof PAYLOAD_VERSION
  event: 'alert'
  /** The same on every retry of this alert to this address: ignore one you have seen. */
  deliveryId: string
  alert: {
    id: number
    title: string
    bodyText: string
    bodyHtml: string
    bodyMarkdown: string
    priority: number
    priorityLabel: string
    category: string | null
    categoryLabel: string | null
    /** The alert's public page, or null when it is not published. */
    publicUrl: string | null
    /** ISO 8601, UTC. */
    sentAt: string
  }
  organisation: { id: number; name: string }
}

export interface PingPayload {
  version: typeof PAYLOAD_VERSION
  event: 'ping'
  deliveryId: string
  organisation: { id: number | null; name: string | null }
}

export function alertPayload(deliveryId: string, alert: OrganisationAlert): AlertPayload {
  return {
    version: PAYLOAD_VERSION,
    event: 'alert',
    deliveryId,
    alert: {
      id: alert.id,
      title: alert.title,
      bodyText: alert.bodyText,
      bodyHtml: alert.bodyHtml,
      bodyMarkdown: alert.bodyMarkdown,
      priority: alert.priority,
      priorityLabel: alert.priorityLabel,
      category: alert.category,
      categoryLabel: alert.categoryLabel,
      publicUrl: alert.publicUrl,
      sentAt: alert.sentAt,
    },
    organisation: { id: alert.organisationId, name: alert.branding.organisationName },
  }
}
