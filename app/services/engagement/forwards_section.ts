import type { AlertPageSection } from '#services/messaging/alert_page_sections'
import Alert, { UNSENT_STATUSES } from '#models/messaging/alert'
import ForwardFigures from '#services/engagement/forward_figures'

/** "Shared by residents" on the staff alert page: forwards, the people they reached, sign-ups. */
export const forwardsSection: AlertPageSection = {
  view: 'pages/staff/alerts/_forwards',
  async data({ alertId }) {
    // Nothing to share before it is sent.
    const alert = await Alert.find(alertId)
    if (!alert || UNSENT_STATUSES.includes(alert.status)) return null
    return { counts: await ForwardFigures.forAlert(alertId) }
  },
}
