import logger from '@adonisjs/core/services/logger'

/** What a section of the staff alert page is told: the alert, and the page's query string (its own pagination). */
export interface AlertPageContext {
  alertId: number
  organisationId: number
  query: Record<string, unknown>
}

export interface AlertPageSection {
  /** A core view, e.g. 'pages/staff/alerts/_ratings', drawn as a component with data()'s values. */
  view: string
  data(context: AlertPageContext): Promise<Record<string, unknown> | null>
}

/**
 * Sections that later modules add to the staff alert page (engagement's
 * ratings), registered at boot (start/registries.ts), so that messaging shows
 * them without importing those modules. The page is already authorised for
 * the alert's organisation before any section is asked. A section whose
 * data() returns null is left out; one that throws is logged and left out, and
 * the page still renders.
 */
export class AlertPageSections {
  #sections = new Map<string, AlertPageSection>()

  register(id: string, section: AlertPageSection) {
    this.#sections.set(id, section)
    return () => this.#sections.delete(id)
  }

  async parts(context: AlertPageContext) {
    const parts: { view: string; props: Record<string, unknown> }[] = []
    for (const [id, section] of this.#sections) {
      try {
        const props = await section.data(context)
        if (props) parts.push({ view: section.view, props })
      } catch (error) {
        logger.error({ err: error, section: id }, 'alert page section failed')
      }
    }
    return parts
  }
}

const alertPageSections = new AlertPageSections()
export default alertPageSections
