import type { HttpContext } from '@adonisjs/core/http'
import Area from '#models/areas/area'
import AlertFeeds from '#services/messaging/alert_feeds'
import SiteSettings from '#services/platform/site/site_settings'
import CapAlert from '#services/messaging/cap_alert'
import PublicAlerts, { type ArchiveFilters } from '#services/messaging/public_alerts'
import { presentAlert } from '#services/messaging/public_alert_view'
import { archiveFiltersValidator, chosenFilters } from '#validators/messaging/public_archive'

type Format = 'rss' | 'atom' | 'cap'

const CONTENT_TYPES: Record<Format, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  cap: 'application/atom+xml; charset=utf-8',
}

/**
 * The public archive for machines: RSS and Atom for feed readers, CAP for
 * alerting systems. Only sent public alerts, as on the archive page.
 */
export default class FeedsController {
  rss(ctx: HttpContext) {
    return this.#feed(ctx, 'rss')
  }

  atom(ctx: HttpContext) {
    return this.#feed(ctx, 'atom')
  }

  cap(ctx: HttpContext) {
    return this.#feed(ctx, 'cap')
  }

  async capDocument({ params, response }: HttpContext) {
    const alert = await PublicAlerts.find(params.id)
    if (!alert) {
      return response.status(404).type('text/plain').send('No published alert has this number.')
    }
    const areas = await PublicAlerts.areasOf([alert])
    const document = await CapAlert.document(alert, presentAlert(alert, areas.get(alert.id) ?? []))
    return response.header('Content-Type', 'application/cap+xml; charset=utf-8').send(document)
  }

  async #feed({ request, response }: HttpContext, format: Format) {
    // A feed reader cannot show a page that explains a wrong filter, so the refusal says it.
    const [invalid, valid] = await request.tryValidateUsing(archiveFiltersValidator, {
      data: chosenFilters(request.qs()),
    })
    if (invalid) {
      return response
        .status(400)
        .type('text/plain')
        .send(
          `This feed address has a filter Beacon does not recognise: ${invalid.messages
            .map((error: { message: string }) => error.message)
            .join('; ')}. Choose the filters again on the alerts page, then copy the feed link.`
        )
    }
    // Feeds have no pages: a reader always wants the newest.
    const filters: ArchiveFilters = { ...valid }
    delete (filters as { page?: number }).page
    const alerts = await PublicAlerts.latest(filters)
    const areas = await PublicAlerts.areasOf(alerts)
    const views = alerts.map((alert) => presentAlert(alert, areas.get(alert.id) ?? []))
    const area = filters.area ? await Area.findBy('code', filters.area) : null
    const areaName = area?.name ?? null
    const { serviceName } = await SiteSettings.current()
    const body =
      format === 'rss'
        ? AlertFeeds.rss(views, filters, areaName, serviceName)
        : format === 'atom'
          ? AlertFeeds.atom(views, filters, areaName, serviceName)
          : AlertFeeds.capIndex(views, filters, areaName, serviceName)
    return response.header('Content-Type', CONTENT_TYPES[format]).send(body)
  }
}
