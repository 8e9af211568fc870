import type { AreaLevel } from '#models/areas/area'

/** Which properties of a boundary file hold each area's code and name, and what level they are. */
export interface BoundaryProperties {
  codeProperty: string
  nameProperty: string
  level: AreaLevel
  /** A ward file that also names each ward's district (some ONS files do). */
  parentCodeProperty: string | null
}

/**
 * ONS property names: a geography's prefix, the year's last two digits, then
 * CD (code) or NM (name); NMW is the Welsh name. LAD24CD, WD23NM, CTYUA22CD…
 */
const ONS_PROPERTY = /^([A-Z]+)(\d{2})(CD|NM)$/i

const DISTRICT_PREFIXES = ['LAD', 'LTLA', 'UTLA', 'CTYUA', 'CTY', 'UA', 'LA']
const WARD_PREFIXES = ['WD', 'WARD']

function levelOf(prefix: string): AreaLevel | null {
  const upper = prefix.toUpperCase()
  if (WARD_PREFIXES.includes(upper)) return 'ward'
  if (DISTRICT_PREFIXES.includes(upper)) return 'district'
  return null
}

interface OnsPair {
  prefix: string
  year: number
  level: AreaLevel
  code: string
  name: string | null
}

function onsPairs(keys: string[]): OnsPair[] {
  const pairs = new Map<string, OnsPair>()
  for (const key of keys) {
    const match = key.match(ONS_PROPERTY)
    if (!match) continue
    const [, prefix, year, kind] = match
    const level = levelOf(prefix)
    if (!level) continue
    const id = `${prefix.toUpperCase()}${year}`
    const pair = pairs.get(id) ?? { prefix, year: Number(year), level, code: '', name: null }
    if (kind.toUpperCase() === 'CD') pair.code = key
    else pair.name = key
    pairs.set(id, pair)
  }
  // The newest year first, for a file carrying several years' codes.
  return [...pairs.values()].filter((pair) => pair.code).sort((a, b) => b.year - a.year)
}

/** Beacon's own format (the demo's files): code, name, level, parent_code. */
function beaconProperties(keys: string[]): BoundaryProperties | null {
  if (!keys.includes('code') || !keys.includes('name')) return null
  return {
    codeProperty: 'code',
    nameProperty: 'name',
    level: 'district',
    parentCodeProperty: keys.includes('parent_code') ? 'parent_code' : null,
  }
}

/**
 * Guesses the code and name properties and the level from the property
 * names the first feature has; null when nothing looks like either.
 */
export function detectBoundaryProperties(
  keys: string[],
  wanted: AreaLevel | null = null
): Partial<BoundaryProperties> {
  const pairs = onsPairs(keys)
  const own =
    pairs.find((pair) => pair.level === (wanted ?? 'ward')) ??
    pairs.find((pair) => !wanted || pair.level === wanted)
  if (own) {
    const parent = own.level === 'ward' ? pairs.find((pair) => pair.level === 'district') : null
    return {
      codeProperty: own.code,
      nameProperty: own.name ?? undefined,
      level: wanted ?? own.level,
      parentCodeProperty: parent?.code ?? null,
    }
  }
  const beacon = beaconProperties(keys)
  if (beacon) return { ...beacon, level: wanted ?? beacon.level }
  return { level: wanted ?? undefined }
}
