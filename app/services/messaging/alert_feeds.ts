import { Feed } from 'feed'
import { archiveQueryString, type ArchiveFilters } from '#services/messaging/public_alerts'
import { absoluteUrl, type PublicAlertView } from '#services/messaging/public_alert_view'
import { escapeXml, xml, xmlDocument } from '#services/platform/infrastructure/xml_document'
import { ALERT_CATEGORIES } from '#services/messaging/alert_categories'

const ATOM_NAMESPACE = 'http://www.w3.org/2005/Atom'

/** Readers take items' titles and summaries as HTML, so a sender's text is escaped first. */
function asHtmlText(text: string) {
  return escapeXml(text)
}

function describe(filters: ArchiveFilters, areaName: string | null) {
  const parts = [
    filters.q ? `containing “${filters.q}”` : null,
    areaName ? `in ${areaName}` : null,
    filters.category ? `about ${ALERT_CATEGORIES[filters.category].label.toLowerCase()}` : null,
  ].filter(Boolean)
  return parts.length ? `Alerts ${parts.join(', ')}` : 'Alerts'
}

/**
 * The public archive as RSS, Atom, and an Atom index of CAP documents. Each
 * feed carries the same filters as the archive page it was found on.
 */
export default class AlertFeeds {
  static #feed(
    alerts: PublicAlertView[],
    filters: ArchiveFilters,
    areaName: string | null,
    serviceName: string
  ) {
    const query = archiveQueryString(filters)
    const title = describe(filters, areaName)
    const feed = new Feed({
      // The feed's own title and description are written as escaped text; its items' are HTML.
      title: `${title} – ${serviceName}`,
      description: `${title}: sent to residents and published, newest first.`,
      id: absoluteUrl(`/alerts${query}`),
      link: absoluteUrl(`/alerts${query}`),
      language: 'en-GB',
      copyright: '',
      generator: 'Beacon',
      updated: alerts[0]?.sentAt.toJSDate() ?? new Date(),
      feedLinks: {
        rss: absoluteUrl(`/alerts/feed.rss${query}`),
        atom: absoluteUrl(`/alerts/feed.atom${query}`),
      },
      author: { name: serviceName },
    })
    for (const alert of alerts) {
      feed.addItem({
        title: asHtmlText(alert.title),
        id: alert.url,
        link: alert.url,
        description: asHtmlText(alert.excerpt),
        // The body's Markdown as sanitised HTML: a safe subset, the sender's raw HTML shown as text.
        content: alert.bodyHtml,
        date: alert.sentAt.toJSDate(),
        published: alert.sentAt.toJSDate(),
        author: [{ name: alert.organisationName }],
        category: alert.category
          ? [{ name: alert.categoryLabel ?? alert.category, term: alert.category }]
          : [],
      })
    }
    return feed
  }

  static rss(
    alerts: PublicAlertView[],
    filters: ArchiveFilters,
    areaName: string | null,
    serviceName: string
  ) {
    return this.#feed(alerts, filters, areaName, serviceName).rss2()
  }

  static atom(
    alerts: PublicAlertView[],
    filters: ArchiveFilters,
    areaName: string | null,
    serviceName: string
  ) {
    return this.#feed(alerts, filters, areaName, serviceName).atom1()
  }

  /** An Atom index whose entries point at each alert's CAP document, as CAP aggregators expect. */
  static capIndex(
    alerts: PublicAlertView[],
    filters: ArchiveFilters,
    areaName: string | null,
    serviceName: string
  ) {
    const query = archiveQueryString(filters)
    const self = absoluteUrl(`/alerts/feed.cap${query}`)
    const updated = (alerts[0]?.sentAt.toUTC() ?? null)?.toISO({ suppressMilliseconds: true })
    return xmlDocument(
      xml(
        'feed',
        { xmlns: ATOM_NAMESPACE },
        xml('id', null, self),
        xml(
          'title',
          null,
          `${describe(filters, areaName)} – ${serviceName} (Common Alerting Protocol)`
        ),
        xml('updated', null, updated ?? new Date().toISOString()),
        xml('generator', null, 'Beacon'),
        xml('author', null, xml('name', null, serviceName)),
        xml('link', { rel: 'self', type: 'application/atom+xml', href: self }),
        xml('link', { rel: 'alternate', type: 'text/html', href: absoluteUrl(`/alerts${query}`) }),
        alerts.map((alert) =>
          xml(
            'entry',
            null,
            xml('id', null, alert.capUrl),
            xml('title', null, alert.title),
            xml('updated', null, alert.sentAt.toUTC().toISO({ suppressMilliseconds: true })!),
            xml('published', null, alert.sentAt.toUTC().toISO({ suppressMilliseconds: true })!),
            xml('author', null, xml('name', null, alert.organisationName)),
            xml('summary', null, alert.excerpt),
            alert.category
              ? xml('category', {
                  term: alert.category,
                  label: alert.categoryLabel ?? alert.category,
                })
              : null,
            xml('link', { rel: 'alternate', type: 'application/cap+xml', href: alert.capUrl }),
            xml('link', { rel: 'related', type: 'text/html', href: alert.url })
          )
        )
      )
    )
  }
}
