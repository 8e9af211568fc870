import { Marked, type Token, type Tokens } from 'marked'
import sanitizeHtml from 'sanitize-html'

/**
 * An alert's body is written in Markdown and shown in a small, safe subset
 * of HTML: paragraphs, line breaks, bold, italics, lists, two levels of
 * heading, quotes and web, email links. Anything else the sender typed that
 * looks like HTML is shown as the text they typed, never run as markup.
 */

const SAFE_LINK = /^(https?:|mailto:)/i

export const ALLOWED_TAGS = [
  'p',
  'br',
  'strong',
  'em',
  'ul',
  'ol',
  'li',
  'a',
  'h2',
  'h3',
  'blockquote',
]

const HTML_SPECIAL = /[&<>"']/

/** For text placed into HTML the server builds. */
export function escapeHtml(value: string) {
  // Most values (links, names) need nothing: five scans of them for every email are wasted.
  if (!HTML_SPECIAL.test(value)) return value
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;')
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
}

function decodeEntities(value: string) {
  return value.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, code: string) => {
    if (code[0] === '#') {
      const point =
        code[1].toLowerCase() === 'x' ? Number.parseInt(code.slice(2), 16) : Number(code.slice(1))
      return Number.isFinite(point) && point > 0 && point <= 0x10ffff
        ? String.fromCodePoint(point)
        : entity
    }
    return NAMED_ENTITIES[code.toLowerCase()] ?? entity
  })
}

const markdown = new Marked({
  gfm: true,
  // Senders press Enter for a new line and expect one.
  breaks: true,
  renderer: {
    // Raw HTML in the source is the sender's text, not markup.
    html({ text, block }) {
      return block ? `<p>${escapeHtml(text.trim())}</p>\n` : escapeHtml(text)
    },
    // Images are never loaded: the alt text stands in their place.
    image({ text }) {
      return escapeHtml(text)
    },
    link({ href, tokens }) {
      const label = this.parser.parseInline(tokens)
      if (!SAFE_LINK.test(href.trim())) return label
      return `<a href="${escapeHtml(href.trim())}" rel="noopener">${label}</a>`
    },
  },
})

const SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ALLOWED_TAGS,
  allowedAttributes: { a: ['href', 'rel'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    h1: 'h2',
    h4: 'h3',
    h5: 'h3',
    h6: 'h3',
    a: (tagName, attribs): sanitizeHtml.Tag => ({
      tagName,
      attribs: attribs.href
        ? { href: attribs.href, rel: 'noopener' }
        : ({} as sanitizeHtml.Attributes),
    }),
  },
}

/** The body as sanitised HTML, safe to place inside a page or an email. */
export function markdownToHtml(source: string): string {
  const rendered = markdown.parse(source ?? '', { async: false }) as string
  return sanitizeHtml(rendered, SANITIZE_OPTIONS).replaceAll('<br />', '<br>').trim()
}

function inlineText(tokens: Token[] | undefined): string {
  if (!tokens) return ''
  return tokens
    .map((token) => {
      switch (token.type) {
        case 'br':
          return '\n'
        case 'link': {
          const link = token as Tokens.Link
          const label = inlineText(link.tokens)
          const href = link.href.trim()
          if (!SAFE_LINK.test(href)) return label
          const address = href.replace(/^mailto:/i, '')
          return label === address || label === href ? address : `${label} (${address})`
        }
        case 'image':
          return (token as Tokens.Image).text
        case 'codespan':
          return decodeEntities((token as Tokens.Codespan).text)
        case 'html':
        case 'escape':
          return (token as Tokens.HTML).text
        default:
          if ('tokens' in token && token.tokens) return inlineText(token.tokens)
          return decodeEntities('text' in token ? String(token.text) : token.raw)
      }
    })
    .join('')
}

function blockText(tokens: Token[]): string[] {
  const blocks: string[] = []
  for (const token of tokens) {
    switch (token.type) {
      case 'space':
      case 'hr':
      case 'def':
        break
      case 'list': {
        const list = token as Tokens.List
        const start = Number(list.start) || 1
        blocks.push(
          list.items
            .map((item, index) => {
              const marker = list.ordered ? `${start + index}. ` : '- '
              return marker + blockText(item.tokens).join('\n').replace(/\n/g, '\n  ')
            })
            .join('\n')
        )
        break
      }
      case 'blockquote':
        blocks.push(...blockText((token as Tokens.Blockquote).tokens))
        break
      case 'code':
        blocks.push((token as Tokens.Code).text)
        break
      case 'html':
        blocks.push((token as Tokens.HTML).text.trim())
        break
      case 'table': {
        const table = token as Tokens.Table
        const row = (cells: Tokens.TableCell[]) =>
          cells.map((cell) => inlineText(cell.tokens)).join(' | ')
        blocks.push([row(table.header), ...table.rows.map(row)].join('\n'))
        break
      }
      default:
        blocks.push(
          'tokens' in token && token.tokens
            ? inlineText(token.tokens)
            : decodeEntities('text' in token ? String(token.text) : token.raw)
        )
    }
  }
  return blocks.filter((block) => block.trim() !== '')
}

/**
 * The body as plain text, for the text email, SMS, voice and push: emphasis
 * dropped, lists kept as lines, links as "label (address)".
 */
export function markdownToText(source: string): string {
  return blockText(markdown.lexer(source ?? ''))
    .join('\n\n')
    .replace(/[ \t]+\n/g, '\n')
    .trim()
}
