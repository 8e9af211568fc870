/*
| Edge globals shared by every page.
*/
import edge, { edgeGlobals } from 'edge.js'
import type { AudienceCriteria } from '#services/targeting/audience_query'
import { markdownToHtml } from '#services/messaging/alert_markdown'
import { localisedTimeLabel } from '#services/messaging/public_alert_view'
import type { DateTime } from 'luxon'
import type { I18n } from '@adonisjs/i18n'
import { DEFAULT_SERVICE_NAME } from '#services/platform/site/site_defaults'
import { staffNavigation } from '#services/platform/site/staff_navigation'
import { pluginSlotParts } from '#services/platform/plugins/plugin_slots'

const { html } = edgeGlobals

// Only where no request is at hand: pages and emails get the configured name (app/services/platform/site/site_settings.ts).
edge.global('serviceName', DEFAULT_SERVICE_NAME)

/**
 * Escapes text, then turns the web addresses in it into links (the outbox
 * shows emails as text, and an admin follows their links).
 */
edge.global('linkify', (text: string) => {
  const escaped = html.escape(text ?? '')
  return html.safe(
    escaped.replace(
      /https?:\/\/[^\s<>"']+/g,
      (url: string) => `<a class="govuk-link" href="${url}">${url}</a>`
    )
  )
})

/** When a public alert was sent, in the page's language (its `i18n`, as `t()` reads it). */
edge.global('alertSentLabel', function (this: { i18n: I18n }, time: DateTime) {
  return localisedTimeLabel(time, this.i18n)
})

/** An alert's Markdown body as sanitised HTML (a safe subset), for staff and resident pages. */
edge.global('alertBodyHtml', (body: string) => html.safe(markdownToHtml(body ?? '')))

/** An alert's or a segment's targeting criteria as labelled lines of words. */
edge.global('describeCriteria', async (criteria: AudienceCriteria) => {
  const { default: CriteriaSummary } = await import('#services/targeting/criteria_summary')
  return CriteriaSummary.lines(criteria)
})

/** The grouped staff navigation for the signed-in member of staff (components/layout.edge). */
edge.global('staffNavigation', staffNavigation)

/**
 * A named slot's partials from enabled plugins (#contracts/slots), rendered by
 * components/plugin_slot.edge: `@!pluginSlot({ name: 'public.alert', data: { … } })`.
 */
edge.global('pluginSlotParts', pluginSlotParts)
/** How many of the organisation's alerts reached a resident (a resident's staff record). */
edge.global('alertsReceivedBy', async (residentId: number, organisationId: number) => {
  const { default: AlertsReceivedCount } = await import('#services/messaging/alerts_received_count')
  return AlertsReceivedCount.of(residentId, organisationId)
})

/** What became of an alert's organisation channels (webhooks): counts and reasons, for the staff alert page. */
edge.global('organisationDeliveries', async (alertId: number) => {
  const { default: TargetDeliverySummary } =
    await import('#services/messaging/delivery/target_delivery_summary')
  return TargetDeliverySummary.of(alertId)
})
