import { createHash } from 'node:crypto'

/** What the database keeps of a secret sent to a browser or an inbox: a copy of the table opens nothing. */
export function hashSecret(secret: string) {
  return createHash('sha256').update(secret).digest('hex')
}
