import { Marked } from 'marked'

/**
 * Alerts are written in Markdown. They are translated in their HTML form,
 * which the Translation API keeps tags of (format "html"), so that links,
 * lists and emphasis survive; the translation is turned back into the
 * Markdown the core renders. Only the tags Markdown makes are understood.
 */

const markdown = new Marked({ gfm: true, breaks: true })

export function escapeHtml(value: string) {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
}

const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
}

export function decodeEntities(value: string) {
  return value.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, code: string) => {
    if (code[0] === '#') {
      const point =
        code[1].toLowerCase() === 'x' ? Number.parseInt(code.slice(2), 16) : Number(code.slice(1))
      return Number.isFinite(point) && point > 0 && point <= 0x10ffff
        ? String.fromCodePoint(point)
        : entity
    }
    return NAMED[code.toLowerCase()] ?? entity
  })
}

export function markdownToHtml(source: string): string {
  return (markdown.parse(source, { async: false }) as string).trim()
}

/** Plain text (a title) as HTML, and back. */
export const textToHtml = escapeHtml
export function htmlToText(html: string) {
  return decodeEntities(html.replace(/<[^>]*>/g, '')).trim()
}

const TOKEN = /<(\/?)([a-z][a-z0-9]*)\b([^>]*)>|([^<]+)/gi

/** The translated HTML of a body as Markdown again. */
export function htmlToMarkdown(html: string): string {
  let out = ''
  const lists: { ordered: boolean; count: number }[] = []
  const links: string[] = []
  const quotes: number[] = []
  for (const match of html.matchAll(TOKEN)) {
    const [, closing, rawTag, attributes, text] = match
    if (text !== undefined) {
      if (!text.trim()) {
        if (/\S$/.test(out) && !text.includes('\n')) out += ' '
        continue
      }
      out += decodeEntities(text).replace(/\s*\n\s*/g, ' ')
      continue
    }
    const tag = rawTag.toLowerCase()
    const open = !closing
    switch (tag) {
      case 'p':
        if (!open) out += lists.length ? '\n' : '\n\n'
        break
      case 'br':
        out += '\n'
        break
      case 'strong':
      case 'b':
        out += '**'
        break
      case 'em':
      case 'i':
        out += '_'
        break
      case 'h1':
      case 'h2':
      case 'h3':
      case 'h4':
        out += open ? `${'#'.repeat(Math.max(2, Number(tag[1])))} ` : '\n\n'
        break
      case 'ul':
      case 'ol':
        if (open) {
          if (lists.length && !out.endsWith('\n')) out += '\n'
          lists.push({ ordered: tag === 'ol', count: 0 })
        } else {
          lists.pop()
          if (!lists.length) out += '\n'
        }
        break
      case 'li':
        if (open) {
          const list = lists.at(-1) ?? { ordered: false, count: 0 }
          list.count += 1
          if (out && !out.endsWith('\n')) out += '\n'
          out += `${'   '.repeat(Math.max(0, lists.length - 1))}${list.ordered ? `${list.count}.` : '-'} `
        } else if (!out.endsWith('\n')) {
          out += '\n'
        }
        break
      case 'a': {
        if (open) {
          const href = /href\s*=\s*"([^"]*)"/i.exec(attributes)?.[1] ?? ''
          links.push(decodeEntities(href))
          out += '['
        } else {
          out += `](${links.pop() ?? ''})`
        }
        break
      }
      case 'blockquote':
        if (open) {
          quotes.push(out.length)
        } else {
          const start = quotes.pop() ?? 0
          const quoted = out.slice(start).trim()
          out = `${out.slice(0, start)}${quoted
            .split('\n')
            .map((line) => (line ? `> ${line}` : '>'))
            .join('\n')}\n\n`
        }
        break
      default:
        // Any other tag: its text is kept, the tag is not.
        break
    }
  }
  return out
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}
