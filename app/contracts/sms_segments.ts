/**
 * How many SMS an alert takes (a shared value, like priority.ts: the
 * composer's preview and SMS plugins' cost estimates count alike). A text in the GSM 03.38 alphabet goes 7 bits
 * a character (160 to one SMS, 153 a part once split); anything outside it
 * makes the whole text UCS-2 (70, then 67 a part). The extension characters
 * (€, [, ], {, }, ^, ~, \, |) take two places each.
 */

const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà'
const GSM_EXTENDED = '\f^{}\\[~]|€'

const BASIC = new Set(GSM_BASIC)
const EXTENDED = new Set(GSM_EXTENDED)

export type SmsEncoding = 'GSM-7' | 'UCS-2'

export interface SmsCount {
  encoding: SmsEncoding
  /** Characters as a reader counts them. */
  characters: number
  /** Places used: septets in GSM-7 (extended characters count two), UTF-16 units in UCS-2. */
  units: number
  segments: number
  /** Places left before another segment starts. */
  remaining: number
}

export function isGsm7(text: string) {
  for (const character of text) {
    if (!BASIC.has(character) && !EXTENDED.has(character)) return false
  }
  return true
}

export function countSms(text: string): SmsCount {
  const characters = [...text].length
  if (isGsm7(text)) {
    let units = 0
    for (const character of text) units += EXTENDED.has(character) ? 2 : 1
    return withSegments('GSM-7', characters, units, 160, 153)
  }
  return withSegments('UCS-2', characters, text.length, 70, 67)
}

function withSegments(
  encoding: SmsEncoding,
  characters: number,
  units: number,
  single: number,
  part: number
): SmsCount {
  const segments = units === 0 ? 0 : units <= single ? 1 : Math.ceil(units / part)
  const capacity = segments <= 1 ? single : segments * part
  return { encoding, characters, units, segments, remaining: capacity - units }
}

/** "312 characters, 3 segments (GSM-7)", as staff read it beside the preview. */
export function describeSms(count: SmsCount) {
  const encoding = count.encoding === 'GSM-7' ? 'GSM-7' : 'Unicode'
  return `${count.characters} ${count.characters === 1 ? 'character' : 'characters'}, ${count.segments} ${count.segments === 1 ? 'segment' : 'segments'} (${encoding})`
}
