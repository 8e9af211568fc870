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
  readonly #text: string
  readonly #html: string | undefined

  constructor(input: MimeTemplateInput) {
    this.#text = input.text
    this.#html = input.html
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
    const text = base64Part('text/plain', substitute(this.#text, recipient.text))
    if (this.#html === undefined) {
      return [...headers, text].join(CRLF)
    }
    const html = base64Part('text/html', substitute(this.#html, recipient.html))
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

function substitute(body: string, values: Record<string, string>) {
  let result = body
  for (const [placeholder, value] of Object.entries(values)) {
    result = result.replaceAll(placeholder, value)
  }
  return result
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
