import logger from '@adonisjs/core/services/logger'

/** What a section of the staff resident page is told: the resident, and the organisation looking. */
export interface ResidentRecordContext {
  residentId: number
  organisationId: number
}

export interface ResidentRecordSection {
  /** A core view, e.g. 'pages/staff/residents/_replies', drawn as a component with data()'s values. */
  view: string
  data(context: ResidentRecordContext): Promise<Record<string, unknown> | null>
}

/**
 * Sections that later modules add to the staff view of a resident
 * (engagement's reply threads), registered at boot (start/registries.ts), so
 * that residents shows them without importing those modules. The page is
 * authorised, and the resident found in the organisation, before any section
 * is asked; each section scopes its own data to organisationId. One whose
 * data() returns null is left out; one that throws is logged and left out.
 */
export class ResidentRecordSections {
  #sections = new Map<string, ResidentRecordSection>()

  register(id: string, section: ResidentRecordSection) {
    this.#sections.set(id, section)
    return () => this.#sections.delete(id)
  }

  async parts(context: ResidentRecordContext) {
    const parts: { view: string; props: Record<string, unknown> }[] = []
    for (const [id, section] of this.#sections) {
      try {
        const props = await section.data(context)
        if (props) parts.push({ view: section.view, props })
      } catch (error) {
        logger.error({ err: error, section: id }, 'resident record section failed')
      }
    }
    return parts
  }
}

const residentRecordSections = new ResidentRecordSections()
export default residentRecordSections
