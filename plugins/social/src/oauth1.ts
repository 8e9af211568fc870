import { createHmac, randomBytes } from 'node:crypto'

/** The four keys of an X app acting for one account (OAuth 1.0a, "user context"). */
export interface OAuth1Keys {
  consumerKey: string
  consumerSecret: string
  token: string
  tokenSecret: string
}

/** RFC 3986 percent-encoding, as OAuth 1.0a requires (encodeURIComponent leaves !'()* alone). */
export function percentEncode(value: string) {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`
  )
}

/**
 * The Authorization header of an OAuth 1.0a request (HMAC-SHA1). A JSON
 * body is not signed; the URL's query parameters are. nonce and timestamp
 * are options so that a test can compare with a known signature.
 */
export function oauth1Header(
  method: string,
  url: string,
  keys: OAuth1Keys,
  options: { nonce?: string; timestamp?: number } = {}
) {
  const parsed = new URL(url)
  const oauth: Record<string, string> = {
    oauth_consumer_key: keys.consumerKey,
    oauth_nonce: options.nonce ?? randomBytes(16).toString('hex'),
    oauth_signature_method: 'HMAC-SHA1',
    oauth_timestamp: String(options.timestamp ?? Math.floor(Date.now() / 1000)),
    oauth_token: keys.token,
    oauth_version: '1.0',
  }
  const parameters = [...parsed.searchParams.entries(), ...Object.entries(oauth)]
    .map(([name, value]) => [percentEncode(name), percentEncode(value)])
    .sort(([a, x], [b, y]) => (a === b ? (x < y ? -1 : 1) : a < b ? -1 : 1))
    .map(([name, value]) => `${name}=${value}`)
    .join('&')
  const base = [
    method.toUpperCase(),
    percentEncode(`${parsed.origin}${parsed.pathname}`),
    percentEncode(parameters),
  ].join('&')
  const signingKey = `${percentEncode(keys.consumerSecret)}&${percentEncode(keys.tokenSecret)}`
  oauth.oauth_signature = createHmac('sha1', signingKey).update(base).digest('base64')
  return (
    'OAuth ' +
    Object.entries(oauth)
      .map(([name, value]) => `${percentEncode(name)}="${percentEncode(value)}"`)
      .join(', ')
  )
}
