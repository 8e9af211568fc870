import type { HttpContext } from '@adonisjs/core/http'
import ListFilterMemory, { filledIn } from '#services/platform/site/list_filter_memory'
import ResidentImportList, {
  IMPORT_SORTS,
  IMPORT_STATUSES,
} from '#services/residents/import/resident_import_list'
import { importListFiltersValidator } from '#validators/residents/import_list_filters'

/** Residents → Imports: every import and check of a file, for those who may import. */
export default class ResidentImportListController {
  async index(ctx: HttpContext) {
    const { request, response, view, membership, bouncer } = ctx
    await bouncer.with('ResidentPolicy').authorize('import', membership.organisationId)
    const remembered = ListFilterMemory.remembered(ctx, 'imports', '/staff/residents/imports')
    if (remembered) return response.redirect().toPath(remembered)
    const [invalid, valid] = await request.tryValidateUsing(importListFiltersValidator, {
      data: filledIn(request.qs()),
    })
    const { page, ...filters } = valid ?? {}
    const imports = await ResidentImportList.search(membership.organisationId, filters, page ?? 1)
    imports.baseUrl('/staff/residents/imports').queryString(filters)
    ListFilterMemory.remember(ctx, 'imports', filters)
    return view.render('pages/staff/imports/index', {
      imports,
      filters,
      filtered: Object.keys(filters).some((name) => name !== 'sort'),
      unrecognisedFilter: invalid !== null,
      statuses: IMPORT_STATUSES,
      sorts: IMPORT_SORTS,
    })
  }
}
