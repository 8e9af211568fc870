import { PageSections, type PageSection } from '#services/platform/pages/page_sections'

/** What a section of the staff resident page is told: the resident, and the organisation looking. */
export interface ResidentRecordContext {
  residentId: number
  organisationId: number
}

export type ResidentRecordSection = PageSection<ResidentRecordContext>

/**
 * Sections that later modules add to the staff view of a resident
 * (engagement's reply threads). The resident is found in the organisation
 * before any section is asked; each section scopes its own data to
 * organisationId.
 */
export class ResidentRecordSections extends PageSections<ResidentRecordContext> {
  constructor() {
    super('resident record')
  }
}

const residentRecordSections = new ResidentRecordSections()
export default residentRecordSections
