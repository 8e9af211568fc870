import env from '#start/env'
import { markdownToHtml } from '#services/messaging/alert_markdown'

/** Where the alert's own words start and end in the email's HTML (resources/views/emails/alert_html.edge). */
export const BODY_START = 'data-alert-body>'
export const BODY_END = '<!-- end of alert body -->'
/** The text part's footer starts at its "--" line: only what is above it is the alert's. */
const TEXT_FOOTER = '\n--\n'

export const PIXEL_TOKEN = '%%TRACKING_PIXEL%%'
const linkToken = (index: number) => `%%TRACKED_LINK_${index}%%`

const HREF = /href="([^"]*)"/g
const WEB = /^https?:\/\//i
// What may continue an address in plain text; a full stop or comma counts only when more follows.
const NOT_CONTINUED = `(?![A-Za-z0-9\\-_~/?#@$&*+=%]|[.,;:!'\\[\\]]+[A-Za-z0-9\\-_~/?#@$&*+=%])`

function unescapeHtml(value: string) {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
}

const escapeRegExp = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

export interface TrackableEmail {
  html?: string
  text: string
  /** The indexes of the alert's links this email carries as tokens. */
  indexes: number[]
}

/**
 * A tracked email's moving parts. The alert's links are numbered once, from
 * its own Markdown (the sender's words, whatever language a variant is in):
 * link n of `/c/<token>/<n>` is the alert's n-th web address, so the
 * redirect goes only to an address the alert contains. Within each rendered
 * variant (once per variant, never per mail) the body's links become tokens
 * and a token for the image goes before </body>; per recipient the channel
 * substitutes either the tracked addresses or the original ones, as it does
 * the unsubscribe link. Footer links (unsubscribe, rating, reply, share,
 * the alert code) are outside the body and stay as they are.
 */
export default class TrackedEmail {
  /** The alert's web links, in order, each once: what `/c/<token>/<n>` may lead to. */
  static linksOf(markdown: string): string[] {
    const html = markdownToHtml(markdown)
    const links: string[] = []
    for (const [, raw] of html.matchAll(HREF)) {
      const href = unescapeHtml(raw)
      if (WEB.test(href) && !links.includes(href)) links.push(href)
    }
    return links
  }

  /** The variant with the body's links and the image as tokens. */
  static prepare(variant: { html?: string; text: string }, links: string[]): TrackableEmail {
    const indexes = new Set<number>()
    let html = variant.html
    if (html !== undefined) {
      const start = html.indexOf(BODY_START)
      const end = html.indexOf(BODY_END, start)
      if (start >= 0 && end > start) {
        const body = html.slice(start, end).replace(HREF, (whole, raw: string) => {
          const index = links.indexOf(unescapeHtml(raw))
          if (index < 0) return whole
          indexes.add(index)
          return `href="${linkToken(index)}"`
        })
        html = html.slice(0, start) + body + html.slice(end)
      }
      const close = html.lastIndexOf('</body>')
      html =
        close >= 0 ? html.slice(0, close) + PIXEL_TOKEN + html.slice(close) : html + PIXEL_TOKEN
    }
    const footerAt = variant.text.indexOf(TEXT_FOOTER)
    let words = footerAt >= 0 ? variant.text.slice(0, footerAt) : variant.text
    // Longest first, so that an address that begins another is not taken out of it.
    const byLength = links.map((link, index) => ({ link, index }))
    byLength.sort((a, b) => b.link.length - a.link.length)
    for (const { link, index } of byLength) {
      const pattern = new RegExp(`${escapeRegExp(link)}${NOT_CONTINUED}`, 'g')
      words = words.replace(pattern, () => {
        indexes.add(index)
        return linkToken(index)
      })
    }
    const text = footerAt >= 0 ? words + variant.text.slice(footerAt) : words
    return { html, text, indexes: [...indexes].sort((a, b) => a - b) }
  }

  /**
   * One recipient's values for the tokens: tracked, the redirects and the
   * image; not tracked, the alert's own addresses and nothing.
   */
  static valuesFor(email: TrackableEmail, links: string[], token: string | null) {
    const base = env.get('APP_URL').replace(/\/$/, '')
    const linkValues: Record<string, string> = {}
    for (const index of email.indexes) {
      linkValues[linkToken(index)] = token ? `${base}/c/${token}/${index}` : links[index]
    }
    const pixel = token
      ? `<img src="${base}/o/${token}.gif" width="1" height="1" alt="" style="display: block; width: 1px; height: 1px; border: 0;">`
      : ''
    return { links: linkValues, pixel }
  }
}
