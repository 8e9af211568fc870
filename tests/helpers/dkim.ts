import { createHash, verify, type KeyObject } from 'node:crypto'

/**
 * Checks a DKIM signature as a receiving server does (RFC 6376, the
 * relaxed/relaxed canonicalisation nodemailer signs with), written here from
 * the RFC rather than borrowed from nodemailer, so that a test checks the
 * signature against the standard, not against the code that made it.
 */
export interface DkimCheck {
  tags: Record<string, string>
  bodyHashMatches: boolean
  signatureVerifies: boolean
  signedHeaders: string[]
}

function relaxedHeader(line: string) {
  const colon = line.indexOf(':')
  const name = line.slice(0, colon).trim().toLowerCase()
  const value = line
    .slice(colon + 1)
    .replace(/\r\n(?=[ \t])/g, '')
    .replace(/[ \t]+/g, ' ')
    .trim()
  return `${name}:${value}`
}

function relaxedBody(body: string) {
  const lines = body.split('\r\n').map((line) => line.replace(/[ \t]+/g, ' ').replace(/ $/, ''))
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop()
  return lines.length === 0 ? '' : `${lines.join('\r\n')}\r\n`
}

/** The header fields of a message, each with its folded continuation lines. */
function headerFields(head: string) {
  const fields: string[] = []
  for (const line of head.split('\r\n')) {
    if (/^[ \t]/.test(line) && fields.length > 0) fields[fields.length - 1] += `\r\n${line}`
    else fields.push(line)
  }
  return fields
}

export function checkDkim(raw: Buffer, publicKey: KeyObject): DkimCheck | null {
  const message = raw.toString('latin1')
  const split = message.indexOf('\r\n\r\n')
  const head = message.slice(0, split)
  const body = message.slice(split + 4)
  const fields = headerFields(head)
  const signature = fields.find((field) => /^dkim-signature:/i.test(field))
  if (!signature) return null

  const tags = Object.fromEntries(
    signature
      .slice(signature.indexOf(':') + 1)
      .split(';')
      .map((tag) => tag.replace(/\s+/g, ''))
      .filter(Boolean)
      .map((tag) => [tag.slice(0, tag.indexOf('=')), tag.slice(tag.indexOf('=') + 1)])
  )
  const bodyHash = createHash('sha256').update(relaxedBody(body), 'latin1').digest('base64')

  // Each name in h= takes the last instance of that header not yet taken (RFC 6376 §5.4.2).
  const signedHeaders = tags.h.split(':').map((name) => name.toLowerCase())
  const remaining = fields.filter((field) => field !== signature)
  const signedData: string[] = []
  for (const name of signedHeaders) {
    for (let index = remaining.length - 1; index >= 0; index--) {
      if (remaining[index].slice(0, remaining[index].indexOf(':')).trim().toLowerCase() === name) {
        signedData.push(`${relaxedHeader(remaining[index])}\r\n`)
        remaining.splice(index, 1)
        break
      }
    }
  }
  // The signature's own header, its b= emptied, last and without a line end.
  const unsigned = signature.replace(/(\bb=)[^;]*/, '$1')
  signedData.push(relaxedHeader(unsigned))
  const signatureVerifies = verify(
    'RSA-SHA256',
    Buffer.from(signedData.join(''), 'latin1'),
    publicKey,
    Buffer.from(tags.b, 'base64')
  )
  return { tags, bodyHashMatches: bodyHash === tags.bh, signatureVerifies, signedHeaders }
}
