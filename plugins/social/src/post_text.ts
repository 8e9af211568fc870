/**
 * The words of a post. X counts at most 280 "weighted" characters: a link
 * counts 23 whatever its length (X shortens it), most Latin, Greek and
 * Cyrillic letters count 1, and others (Chinese, Japanese, emoji) count 2.
 */
export const X_LIMIT = 280
const LINK_WEIGHT = 23

const LIGHT_RANGES: [number, number][] = [
  [0, 4351],
  [8192, 8205],
  [8208, 8223],
  [8242, 8247],
]

function weightOf(character: string) {
  const code = character.codePointAt(0) ?? 0
  return LIGHT_RANGES.some(([from, to]) => code >= from && code <= to) ? 1 : 2
}

/** The weighted length of text with no links in it. */
export function weightedLength(text: string) {
  let total = 0
  for (const character of text) total += weightOf(character)
  return total
}

/** Text cut to a weighted length, at a word where one is near, ending with "…". */
function cut(text: string, limit: number) {
  if (weightedLength(text) <= limit) return text
  let kept = ''
  let weight = 0
  for (const character of text) {
    // Room for the ellipsis, which X counts as 2.
    if (weight + weightOf(character) > limit - weightOf('…')) break
    kept += character
    weight += weightOf(character)
  }
  const space = kept.lastIndexOf(' ')
  if (space > kept.length * 0.6) kept = kept.slice(0, space)
  return `${kept.trimEnd()}…`
}

export interface PostAlert {
  title: string
  bodyText: string
  publicUrl: string
}

/**
 * A post for X: title, text and link when they fit; else the title and the
 * link (the link leads to the whole alert); the title cut short only if
 * even that is too long.
 */
export function xPostText(alert: PostAlert) {
  const room = X_LIMIT - LINK_WEIGHT - 2 // two line breaks before the link
  const full = `${alert.title}\n\n${alert.bodyText.trim()}`
  if (weightedLength(full) <= room) return `${full}\n\n${alert.publicUrl}`
  return `${cut(alert.title, room)}\n\n${alert.publicUrl}`
}

/** The weighted length X would count for a post made by xPostText (its one link as 23). */
export function xWeightedLength(text: string, link: string) {
  const [before, after = ''] = text.split(link)
  return weightedLength(before) + LINK_WEIGHT + weightedLength(after)
}

/** A post for a Facebook Page: no limit that matters; the link is sent apart, as a preview card. */
export function facebookPostText(alert: PostAlert) {
  return `${alert.title}\n\n${alert.bodyText.trim()}`.slice(0, 5000)
}
