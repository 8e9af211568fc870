import proxyaddr from 'proxy-addr'

/**
 * TRUSTED_PROXIES: the reverse proxies whose X-Forwarded-For Beacon believes,
 * as IPs or CIDR ranges separated by commas (proxy-addr also knows the words
 * loopback, linklocal and uniquelocal). Every other peer is the client itself,
 * so a visitor cannot pick the address that rate limits count.
 */
export const DEFAULT_TRUSTED_PROXIES = 'loopback'

export function trustedProxyList(value: string | undefined) {
  return (value ?? DEFAULT_TRUSTED_PROXIES)
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
}

/** The plain-English reason a TRUSTED_PROXIES value is refused, or null when it is usable. */
export function trustedProxiesProblem(value: string | undefined): string | null {
  const list = trustedProxyList(value)
  if (value !== undefined && list.length === 0) {
    return 'TRUSTED_PROXIES is empty: leave it out for the default (loopback), or list your proxies'
  }
  for (const entry of list) {
    try {
      proxyaddr.compile(entry)
    } catch {
      return `TRUSTED_PROXIES has "${entry}", which is not an IP address, a CIDR range (e.g. 10.0.0.0/8) or one of loopback, linklocal, uniquelocal`
    }
  }
  return null
}

/** The function the HTTP server asks whether a peer is a trusted proxy. */
export function trustedProxies(value: string | undefined) {
  return proxyaddr.compile(trustedProxyList(value))
}
