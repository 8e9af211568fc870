/*
| Where a reply's own words end: the first line that starts what the mail
| program quoted or appended below them.
*/
const QUOTE_STARTS = [
  // "On Mon, 7 Dec 2026 at 10:00, Police <alerts@…> wrote:" (Gmail, Apple Mail, Thunderbird)
  /^On\b.{0,200}\bwrote:\s*$/i,
  /^-{2,}\s*(Original Message|Forwarded message)\s*-{2,}/i,
  // Outlook's separator before its header block.
  /^_{10,}\s*$/,
  /^From:\s.+/i,
  /^Sent from my \w+/i,
  /^Get Outlook for /i,
  // RFC 3676's signature delimiter, and a bare "--".
  /^--\s?$/,
]

/**
 * The resident's own words in an email reply: quoted history ("> …", "On …
 * wrote:" and what follows, Outlook's header block) and the signature cut
 * off, blank lines at the ends trimmed. A reply made only of a quote keeps
 * nothing (the caller ignores an empty reply).
 */
export function replyTextOf(text: string) {
  const lines = text.replace(/\r\n?/g, '\n').split('\n')
  const kept: string[] = []
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]
    const trimmed = line.trim()
    // "On … wrote:" is sometimes wrapped onto two lines.
    const joined = `${trimmed} ${(lines[index + 1] ?? '').trim()}`
    if (QUOTE_STARTS.some((pattern) => pattern.test(trimmed))) break
    if (/^On\b/i.test(trimmed) && /\bwrote:\s*$/i.test(joined) && joined.length < 300) break
    if (trimmed.startsWith('>')) continue
    kept.push(line.trimEnd())
  }
  return kept
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}

/** An HTML-only reply as plain text: tags dropped, paragraphs and breaks kept as lines. */
export function htmlAsText(html: string) {
  return html
    .replace(/<(script|style|head)[\s\S]*?<\/\1>/gi, '')
    .replace(/<blockquote[\s\S]*?<\/blockquote>/gi, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|tr|h[1-6])>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/gi, ' ')
    .replace(/&lt;/gi, '<')
    .replace(/&gt;/gi, '>')
    .replace(/&quot;/gi, '"')
    .replace(/&#39;|&apos;/gi, "'")
    .replace(/&amp;/gi, '&')
}
