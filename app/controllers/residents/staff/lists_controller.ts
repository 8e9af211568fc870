import type { HttpContext } from '@adonisjs/core/http'
import InterestList from '#services/residents/lists/interest_list'
import SchemeList from '#services/residents/lists/scheme_list'

/**
 * Settings → Interests and schemes: the lists residents choose from.
 */
export default class ListsController {
  async index({ view, bouncer }: HttpContext) {
    await bouncer.with('InstallPolicy').authorize('manage')
    return view.render('pages/staff/lists/index', {
      interests: await InterestList.all(),
      interestUsage: await InterestList.usageCounts(),
      schemes: await SchemeList.all(),
      schemeUsage: await SchemeList.usageCounts(),
    })
  }
}
