import { PageSections, type PageSection } from '#services/platform/pages/page_sections'

/** What a section of the staff alert page is told: the alert, and the page's query string (its own pagination). */
export interface AlertPageContext {
  alertId: number
  organisationId: number
  query: Record<string, unknown>
}

export type AlertPageSection = PageSection<AlertPageContext>

/**
 * Sections that later modules add to the staff alert page (engagement's
 * ratings, forwards), authorised for the alert's organisation before any
 * section is asked.
 */
export class AlertPageSections extends PageSections<AlertPageContext> {
  constructor() {
    super('alert page')
  }
}

const alertPageSections = new AlertPageSections()
export default alertPageSections
