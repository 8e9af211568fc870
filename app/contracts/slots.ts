import type { RenderableAlert } from '#contracts/channel'

/**
 * Slots: named places in the core's pages where a plugin renders a partial of
 * its own views. A disabled plugin's slot renders nothing (in staff slots,
 * disabled for the organisation named in the data counts too); a slot whose
 * data() throws is logged and left out, and the page still renders.
 *
 * The partial is an Edge component of the plugin's views (the view name
 * without the "<id>::" prefix). It receives the slot's data below, merged
 * with what the plugin's data() returns, and the page's shared values
 * (csrfField() for forms, the request). Resident slots must meet WCAG 2.2 AA
 * and work without JavaScript, as the pages around them do.
 *
 * @example
 * context.slot('public.alert', {
 *   view: 'share_buttons',
 *   data: ({ alertUrl, title }) => ({ shareText: `${title} ${alertUrl}` }),
 * })
 */

/** What the core passes to each slot. Ids and facts only, never models. */
export interface SlotData {
  /**
   * The resident's "Your alerts" preferences page (/my-alerts), below the
   * channels: e.g. "Get alerts in this browser". The resident is signed in
   * (a magic-link session); language is their chosen language code.
   */
  'resident.preferences': { residentId: number; language: string }
  /**
   * A resident's record in the staff area (/staff/residents/:id), below the
   * details: staffed by organisationId's member with role; show only what
   * that organisation may see of the resident.
   */
  'staff.resident_record': { residentId: number; organisationId: number; role: string }
  /**
   * An alert's public page (/alerts/:id), below its text: e.g. share buttons.
   * alertUrl is the page's absolute address. Anyone may see this page.
   */
  'public.alert': {
    alertId: number
    organisationId: number
    title: string
    organisationName: string
    alertUrl: string
  }
  /**
   * The alert composer (new alert and edit draft), after the body: e.g.
   * translations. alertId is null for a new alert. Fields the partial adds
   * are posted with the form; the core ignores names it does not know.
   *
   * `alert` is what the composer's fields hold now (typed, maybe not saved:
   * the page is drawn again with them on "Update the count"), rendered as a
   * channel's render() receives it, so that a channel plugin can preview its
   * own version (a call's script and its length); null while the title and
   * body are empty. Its id is 0 for a new alert and its publicUrl is null.
   */
  'staff.composer': {
    alertId: number | null
    organisationId: number
    role: string
    alert: RenderableAlert | null
  }

  // --- Added with plugins/web-push ---
  /**
   * The <head> of every page residents and the public see (not staff pages):
   * links only, such as a web app manifest (<link rel="manifest">), which
   * browsers read nowhere else. serviceName is what residents know the service as; render nothing visible.
   */
  'public.head': { serviceName: string }

  // --- Added with plugins/social ---
  /**
   * The <head> of an alert's public page, after the core's own Open Graph
   * and Twitter Card tags (title, description, URL): e.g. og:image. Cached
   * and shared like the page: the same for every visitor. description is the
   * page's own summary of the alert (plain text).
   */
  'public.alert_head': {
    alertId: number
    organisationId: number
    title: string
    description: string
    organisationName: string
    alertUrl: string
  }
  /**
   * An alert's staff page (/staff/alerts/:id), after what became of its
   * organisation channels: e.g. the addresses of the posts a plugin made.
   */
  'staff.alert': { alertId: number; organisationId: number; role: string }
}

export type SlotName = keyof SlotData

export interface SlotDefinition<Name extends SlotName = SlotName> {
  /** A view of the plugin's resources/views, e.g. 'share_buttons' for resources/views/share_buttons.edge. */
  view: string
  /** Extra values for the view, read for each render. */
  data?(slot: SlotData[Name]): Record<string, unknown> | Promise<Record<string, unknown>>
}
