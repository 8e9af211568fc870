import type { HttpContext } from '@adonisjs/core/http'
import AreaDirectory from '#services/areas/area_directory'
import PublicAlerts, { archiveQueryString } from '#services/messaging/public_alerts'
import { presentAlert } from '#services/messaging/public_alert_view'
import PublicPageCache from '#services/platform/infrastructure/public_page_cache'
import { ALERT_CATEGORIES } from '#services/messaging/alert_categories'
import { archiveFiltersValidator, chosenFilters } from '#validators/messaging/public_archive'

/**
 * The public archive: sent alerts their senders chose to publish, for anyone
 * to read, search and share.
 */
export default class PublicAlertsController {
  async index({ request, view }: HttpContext) {
    // A filter form cannot send a wrong value; an edited or old address can, and gets every alert.
    const [invalid, valid] = await request.tryValidateUsing(archiveFiltersValidator, {
      data: chosenFilters(request.qs()),
    })
    const { page, ...filters } = valid ?? {}
    const alerts = await PublicAlerts.search(filters, page ?? 1)
    alerts.baseUrl('/alerts').queryString(filters)
    if (invalid !== null || (page ?? 1) > Math.max(alerts.lastPage, 1)) {
      PublicPageCache.keepOut(request)
    }
    const areas = await PublicAlerts.areasOf(alerts.all())
    const filtered = Object.keys(filters).length > 0
    return view.render('pages/alerts/index', {
      alerts,
      views: alerts.all().map((alert) => presentAlert(alert, areas.get(alert.id) ?? [])),
      filters,
      filtered,
      feedQuery: archiveQueryString(filters),
      unrecognisedFilter: invalid !== null,
      anyPublished: alerts.total > 0 || (filtered && (await PublicAlerts.anyPublished())),
      districts: await AreaDirectory.choices(),
      categories: ALERT_CATEGORIES,
    })
  }

  async show({ params, view, response }: HttpContext) {
    const alert = await PublicAlerts.find(params.id)
    if (!alert) return response.notFound(await view.render('pages/errors/not_found'))
    const areas = await PublicAlerts.areasOf([alert])
    return view.render('pages/alerts/show', {
      alert: presentAlert(alert, areas.get(alert.id) ?? []),
    })
  }
}
