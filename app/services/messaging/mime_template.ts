import { randomBytes } from 'node:crypto'

export interface MimeTemplateInput {
  from: { name: string; address: string }
  subject: string
  text: string
  html?: string
}

export interface MimeRecipient {
  to: string
  messageId: string
  /** Per-recipient headers (List-Unsubscribe…); values must be printable ASCII. */
  headers: Record<string, string>
  /** Placeholder → value, for the text part and (escaped) for the HTML part. */
  text: Record<string, string>
  html: Record<string, string>
}

const CRLF = '\r\n'

/**
 * An email built once and sent to many: the headers that do not change and
 * the parts with placeholders are prepared once per alert; each recipient
 * only costs the substitutions and a base64 encoding. Composing the MIME
 * tree per mail (nodemailer's MailComposer) is most of the CPU a mass send
 * spends, so this is what lets a send keep up with the mail server.
 */
export default class MimeTemplate {
  readonly #fixedHeaders: string
  readonly #boundary = `beacon-${randomBytes(12).toString('hex')}`
  readonly #text: Placeholders
  readonly #html: Placeholders | undefined

  constructor(input: MimeTemplateInput) {
    this.#text = new Placeholders(input.text)
    this.#html = input.html === undefined ? undefined : new Placeholders(input.html)
    this.#fixedHeaders = [
      `From: ${mailbox(input.from.name, input.from.address)}`,
      `Subject: ${encodeHeaderText(input.subject)}`,
      'MIME-Version: 1.0',
    ].join(CRLF)
  }

  /** Whether this address can go in a header as it is (others take the composed path). */
  static canAddress(address: string) {
    return /^[\x21-\x7e]+@[\x21-\x7e]+$/.test(address) && !/[<>",;\\]/.test(address)
  }

  render(recipient: MimeRecipient): string {
    const headers = [
      this.#fixedHeaders,
      `To: ${recipient.to}`,
      `Date: ${new Date().toUTCString().replace('GMT', '+0000')}`,
      `Message-ID: ${recipient.messageId}`,
      ...Object.entries(recipient.headers).map(([name, value]) => `${name}: ${value}`),
    ]
    const text = base64Part('text/plain', this.#text.fill(recipient.text))
    if (this.#html === undefined) {
      return [...headers, text].join(CRLF)
    }
    const html = base64Part('text/html', this.#html.fill(recipient.html))
    return [
      ...headers,
      `Content-Type: multipart/alternative; boundary="${this.#boundary}"`,
      '',
      `--${this.#boundary}`,
      text,
      `--${this.#boundary}`,
      html,
      `--${this.#boundary}--`,
      '',
    ].join(CRLF)
  }
}

/** Each placeholder in turn replaced everywhere in the body: what a recipient's part is, by definition. */
export function substitute(body: string, values: Record<string, string>) {
  let result = body
  for (const [placeholder, value] of Object.entries(values)) {
    result = result.replaceAll(placeholder, value)
  }
  return result
}

// Marks where a value goes while a body is split; a body holding it is not split.
const SLOT = '\u0000'
const PLACEHOLDER = /^%%[^%]+%%$/

/** A body split once at its placeholders (for one list of them, in order): a recipient's part is a join. */
interface SplitBody {
  /** The text between the slots: one more than the slots. */
  literals: string[]
  /** The value of which placeholder (its index in the list) goes in each slot. */
  slots: number[]
  /**
   * Per slot: whether the text either side of it stops any placeholder running across it
   * (a character that is neither '%' nor one a placeholder's name uses), whatever its value.
   */
  fenced: boolean[]
  /** Matches a value holding a character that no placeholder's name uses. */
  outsideNames: RegExp
}

/**
 * A part's body with its placeholders, filled per recipient. Replacing each
 * placeholder over the whole body (substitute) scanned the 3–7 KB of the text
 * and HTML once per placeholder for every mail, about a dozen times; the body
 * is split at its placeholders once per list of them instead (the list is the
 * same for every mail of a variant), and each mail joins the pieces.
 *
 * The result is the same string as substitute's: the split is found by
 * substitute itself (with markers for values), and a mail takes the split path
 * only when its values cannot make a placeholder substitute would then find,
 * that is when no value holds a '%' (or a '$') and each value either holds a character no
 * placeholder's name has or sits between text that no placeholder runs across.
 * Any other mail, and any placeholder not of the form %%NAME%%, takes substitute.
 */
export class Placeholders {
  readonly #body: string
  #split: { keys: string; body: SplitBody | null } | null = null

  constructor(body: string) {
    this.#body = body
  }

  fill(values: Record<string, string>) {
    const keys = Object.keys(values)
    const joined = keys.join(SLOT)
    if (this.#split?.keys !== joined) this.#split = { keys: joined, body: split(this.#body, keys) }
    const body = this.#split.body
    if (!body) return substitute(this.#body, values)
    const filled = keys.map((key) => values[key])
    for (let slot = 0; slot < body.slots.length; slot++) {
      const value = filled[body.slots[slot]]
      // '$' too: replaceAll reads "$&" and the like in a value as patterns, and substitute's output is the rule.
      if (value.includes('%') || value.includes('$')) return substitute(this.#body, values)
      if (!body.fenced[slot] && !body.outsideNames.test(value)) {
        return substitute(this.#body, values)
      }
    }
    let result = body.literals[0]
    for (let slot = 0; slot < body.slots.length; slot++) {
      result += filled[body.slots[slot]] + body.literals[slot + 1]
    }
    return result
  }
}

function split(body: string, keys: string[]): SplitBody | null {
  if (body.includes(SLOT) || !keys.every((key) => PLACEHOLDER.test(key) && !key.includes(SLOT))) {
    return null
  }
  // UTF-16 code units, as the strings are compared.
  const nameCharacters = new Set(keys.flatMap((key) => key.slice(2, -2).split('')))
  // substitute itself, with a marker naming each placeholder as its value.
  const marked = substitute(
    body,
    Object.fromEntries(keys.map((key, index) => [key, `${SLOT}${index}${SLOT}`]))
  )
  const pieces = marked.split(SLOT)
  const literals: string[] = []
  const slots: number[] = []
  for (let index = 0; index < pieces.length; index += 2) literals.push(pieces[index])
  for (let index = 1; index < pieces.length; index += 2) slots.push(Number(pieces[index]))
  const stops = (character: string) => character !== '%' && !nameCharacters.has(character)
  const fenced = slots.map((_, slot) => {
    // Text either side of the slot; an empty one means another slot, or the end of the body.
    const before = literals[slot]
    const after = literals[slot + 1]
    const beforeStops = before === '' ? slot === 0 : stops(before[before.length - 1])
    const afterStops = after === '' ? slot === slots.length - 1 : stops(after[0])
    return beforeStops || afterStops
  })
  return { literals, slots, fenced, outsideNames: characterOutside(nameCharacters) }
}

/** Matches a string holding a character (a UTF-16 code unit: no `u` flag) outside the set. */
function characterOutside(characters: Set<string>) {
  const set = [...characters].map((character) => character.replace(/[\\\]^-]/g, '\\$&')).join('')
  return new RegExp(`[^${set}]`)
}

function base64Part(type: string, body: string) {
  return [
    `Content-Type: ${type}; charset=utf-8`,
    'Content-Transfer-Encoding: base64',
    '',
    inLines(Buffer.from(body, 'utf8').toString('base64')),
  ].join(CRLF)
}

const LINE = 76

/** Base64 in lines of 76 (RFC 2045), by slices: a regular expression over it cost more than the encoding. */
function inLines(encoded: string) {
  const lines: string[] = []
  for (let start = 0; start < encoded.length; start += LINE) {
    lines.push(encoded.slice(start, start + LINE))
  }
  return lines.join(CRLF)
}

const PRINTABLE = /^[\x20-\x7e]*$/

/** RFC 2047: ASCII stays as it is; anything else becomes base64 encoded-words of at most 75 characters. */
export function encodeHeaderText(value: string) {
  const clean = value.replace(/[\r\n]+/g, ' ')
  if (PRINTABLE.test(clean)) return clean
  const words: string[] = []
  let chunk = ''
  for (const character of clean) {
    if (Buffer.byteLength(chunk + character) > 45) {
      words.push(chunk)
      chunk = ''
    }
    chunk += character
  }
  if (chunk) words.push(chunk)
  return words
    .map((word) => `=?UTF-8?B?${Buffer.from(word, 'utf8').toString('base64')}?=`)
    .join(`${CRLF} `)
}

function mailbox(name: string, address: string) {
  const clean = name.replace(/[\r\n]+/g, ' ')
  if (!clean) return address
  const display = !PRINTABLE.test(clean)
    ? encodeHeaderText(clean)
    : /[()<>[\]:;@\\,."]/.test(clean)
      ? `"${clean.replace(/(["\\])/g, '\\$1')}"`
      : clean
  return `${display} <${address}>`
}
