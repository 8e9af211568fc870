import { isIP } from 'node:net'
import { lookup as dnsLookup } from 'node:dns/promises'
import type { LookupFunction } from 'node:net'

/** An address a name resolved to. */
export interface ResolvedAddress {
  address: string
  family: 4 | 6
}

/** Turns a host name into its addresses; tests inject their own instead of DNS. */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>

export const systemResolver: Resolver = async (hostname) => {
  const entries = await dnsLookup(hostname, { all: true, verbatim: true })
  return entries.map((entry) => ({ address: entry.address, family: entry.family === 6 ? 6 : 4 }))
}

/** Thrown (through the socket) when a receiver's address is not on the public internet. */
export class RefusedAddressError extends Error {
  readonly code = 'EBEACONREFUSED'
  constructor(hostname: string) {
    super(
      `${hostname} is a private, loopback or otherwise non-public address, and private addresses are not allowed`
    )
  }
}

/** IPv4 ranges that are not the public internet (RFC 6890 and friends). */
const IPV4_NON_PUBLIC: [string, number][] = [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local (cloud metadata services live here)
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, and the broadcast address
]

/** Inside global unicast (2000::/3), the special-purpose blocks. Everything outside 2000::/3 is refused. */
const IPV6_NON_PUBLIC_GLOBAL: [string, number][] = [
  ['2001::', 23], // IETF protocol assignments (Teredo, ORCHID, benchmarking…)
  ['2001:db8::', 32], // documentation
  ['2002::', 16], // 6to4: carries an IPv4 address of any kind
  ['3fff::', 20], // documentation
]

function ipv4ToNumber(address: string) {
  return address.split('.').reduce((total, part) => total * 256 + Number(part), 0)
}

function inIpv4(address: string, [base, bits]: [string, number]) {
  const size = 2 ** (32 - bits)
  return Math.floor(ipv4ToNumber(address) / size) === Math.floor(ipv4ToNumber(base) / size)
}

/** The 128 bits of an IPv6 address (with or without a dotted IPv4 tail). */
function ipv6ToBigInt(address: string) {
  let text = address.split('%')[0].toLowerCase()
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)
  if (dotted) {
    const value = ipv4ToNumber(dotted[1])
    text =
      text.slice(0, -dotted[1].length) +
      `${(value >>> 16).toString(16)}:${(value & 0xffff).toString(16)}`
  }
  const [head, tail] = text.split('::')
  const headParts = head ? head.split(':') : []
  const tailParts = tail !== undefined && tail !== '' ? tail.split(':') : []
  const missing = 8 - headParts.length - tailParts.length
  const parts =
    tail === undefined ? headParts : [...headParts, ...Array(missing).fill('0'), ...tailParts]
  return parts.reduce(
    (total, part) => (total << 16n) + BigInt(Number.parseInt(part || '0', 16)),
    0n
  )
}

function inIpv6(value: bigint, [base, bits]: [string, number]) {
  const shift = BigInt(128 - bits)
  return value >> shift === ipv6ToBigInt(base) >> shift
}

/**
 * Whether an address is on the public internet. IPv4-mapped IPv6 addresses
 * (::ffff:127.0.0.1) are judged as the IPv4 address they carry.
 */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address)
  if (family === 4) return !IPV4_NON_PUBLIC.some((range) => inIpv4(address, range))
  if (family !== 6) return false
  const value = ipv6ToBigInt(address)
  if (value >> 32n === 0xffffn) {
    const ipv4 = Number(value & 0xffffffffn)
    return isPublicAddress(
      [ipv4 >>> 24, (ipv4 >>> 16) & 255, (ipv4 >>> 8) & 255, ipv4 & 255].join('.')
    )
  }
  if (!inIpv6(value, ['2000::', 3])) return false
  return !IPV6_NON_PUBLIC_GLOBAL.some((range) => inIpv6(value, range))
}

/** The host of a URL without the brackets of an IPv6 literal. */
export function bareHostname(url: URL) {
  return url.hostname.replace(/^\[|\]$/g, '')
}

/**
 * A `lookup` for the HTTP request: it resolves the name once, refuses it when
 * any of its addresses is not public (unless private addresses are allowed),
 * and hands the socket the very addresses it checked. A name that answers a
 * public address to a check and a private one to the connection (DNS
 * rebinding) therefore has no second answer to give.
 */
export function guardedLookup(resolver: Resolver, allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    const done = callback as (
      error: NodeJS.ErrnoException | null,
      address: string | ResolvedAddress[],
      family?: number
    ) => void
    resolver(hostname)
      .then((addresses) => {
        if (addresses.length === 0) {
          return done(
            Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }),
            ''
          )
        }
        if (!allowPrivate && addresses.some((entry) => !isPublicAddress(entry.address))) {
          return done(new RefusedAddressError(hostname), '')
        }
        const wanted = options.family === 4 || options.family === 6 ? options.family : null
        const usable = wanted ? addresses.filter((entry) => entry.family === wanted) : addresses
        if (usable.length === 0) {
          return done(
            Object.assign(new Error(`${hostname} has no IPv${wanted} address`), {
              code: 'ENOTFOUND',
            }),
            ''
          )
        }
        if (options.all) return done(null, usable)
        done(null, usable[0].address, usable[0].family)
      })
      .catch((error: NodeJS.ErrnoException) => done(error, ''))
  }
}
