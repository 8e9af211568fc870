import logger from '@adonisjs/core/services/logger'

/** A part of a core page that a later module draws: a view, and the values it is drawn with. */
export interface PageSection<Context> {
  /** A core view, e.g. 'pages/staff/alerts/_ratings', drawn as a component with data()'s values. */
  view: string
  /** The values, or null to leave the section out. */
  data(context: Context): Promise<Record<string, unknown> | null>
}

/**
 * Sections that later modules add to an earlier module's page, registered
 * at boot (start/registries.ts), so that the page shows them without
 * importing those modules. The page is authorised before any section is
 * asked. A section whose data() returns null is left out; one that throws is
 * logged and left out, and the page still renders.
 */
export class PageSections<Context> {
  #sections = new Map<string, PageSection<Context>>()

  /** `page` names the page in the log when a section fails. */
  constructor(readonly page: string) {}

  register(id: string, section: PageSection<Context>) {
    this.#sections.set(id, section)
    return () => this.#sections.delete(id)
  }

  async parts(context: Context) {
    const parts: { view: string; props: Record<string, unknown> }[] = []
    for (const [id, section] of this.#sections) {
      try {
        const props = await section.data(context)
        if (props) parts.push({ view: section.view, props })
      } catch (error) {
        logger.error({ err: error, section: id }, `${this.page} section failed`)
      }
    }
    return parts
  }
}
