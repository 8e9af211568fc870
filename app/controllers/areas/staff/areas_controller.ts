import type { HttpContext } from '@adonisjs/core/http'
import AreaImportRecord from '#models/areas/area_import_record'
import { listAreas } from '#services/areas/boundaries/area_listing'

/** Settings → Areas: the districts and wards there are, and the boundary upload. */
export default class AreasController {
  async index({ view, request, bouncer }: HttpContext) {
    await bouncer.with('InstallPolicy').authorize('manage')
    const search = String(request.input('q', '')).trim().slice(0, 100)
    const page = Math.max(1, Number.parseInt(request.input('page', '1'), 10) || 1)
    const imports = await AreaImportRecord.query()
      .whereNot('status', 'uploaded')
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(10)
    return view.render('pages/staff/areas/index', {
      ...(await listAreas(search, page)),
      search,
      imports,
    })
  }
}
