/**
 * One figure of the representativeness report: residents registered per
 * 1,000 people, compared with an average rate, with a 95% Wilson score
 * interval on the proportion (it behaves where counts are small or zero,
 * unlike the normal approximation). The average is taken as fixed.
 *
 * Small numbers: a count of residents or people below 5 is never shown
 * (SUPPRESS_BELOW), and neither is any rate or ratio made from it. Whether the
 * area or group is under-represented is still said when the interval is
 * clear of 1; otherwise, with fewer than 5 residents, "too few to say".
 */
export const SUPPRESS_BELOW = 5
const Z = 1.96

export type Verdict = 'under' | 'over' | 'about' | 'too_few'

export const VERDICT_LABELS: Record<Verdict, string> = {
  under: 'Under-represented',
  over: 'Over-represented',
  about: 'About average',
  too_few: 'Too few to say',
}

export interface Estimate {
  residents: number
  population: number
  /** Hidden on pages and in exports: residents or population below 5. */
  suppressed: boolean
  /** Hidden as well, though not small, so that a hidden figure cannot be found by subtraction. */
  alsoHidden?: boolean
  ratePer1000: number
  ratio: number
  ratioLow: number
  ratioHigh: number
  verdict: Verdict
}

/** The 95% Wilson score interval of k successes in n. */
export function wilson(k: number, n: number): [number, number] {
  if (n <= 0) return [0, 1]
  const p = k / n
  const z2 = Z * Z
  const denominator = 1 + z2 / n
  const centre = (p + z2 / (2 * n)) / denominator
  const half = (Z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))
  return [Math.max(0, centre - half), Math.min(1, centre + half)]
}

export function estimate(residents: number, population: number, averagePer1000: number): Estimate {
  const ratePer1000 = population > 0 ? (residents / population) * 1000 : 0
  const [low, high] = wilson(residents, population)
  const ratioOf = (per1000: number) => (averagePer1000 > 0 ? per1000 / averagePer1000 : 0)
  const ratioLow = ratioOf(low * 1000)
  const ratioHigh = ratioOf(high * 1000)
  const suppressed = residents < SUPPRESS_BELOW || population < SUPPRESS_BELOW
  let verdict: Verdict
  if (population < SUPPRESS_BELOW || averagePer1000 <= 0) verdict = 'too_few'
  else if (ratioHigh < 1) verdict = 'under'
  else if (ratioLow > 1) verdict = 'over'
  else verdict = residents < SUPPRESS_BELOW ? 'too_few' : 'about'
  return {
    residents,
    population,
    suppressed,
    ratePer1000,
    ratio: ratioOf(ratePer1000),
    ratioLow,
    ratioHigh,
    verdict,
  }
}

/** Most clearly under-represented first: the lowest the interval allows it to be at most. */
export function byUnderRepresentation<T extends Estimate>(rows: T[]) {
  return rows.filter((row) => row.verdict === 'under').sort((a, b) => a.ratioHigh - b.ratioHigh)
}

/**
 * Secondary suppression among figures that add up to a total shown
 * elsewhere (the groups of one question, the wards of a district): when
 * exactly one is hidden, the smallest other one is hidden too, so the hidden
 * count cannot be worked out from the total. Returns the same rows.
 */
export function protectDifferences<T extends Estimate>(siblings: T[]) {
  const hidden = siblings.filter((row) => row.suppressed)
  if (hidden.length !== 1) return siblings
  const next = siblings
    .filter((row) => !row.suppressed)
    .sort((a, b) => a.residents - b.residents)[0]
  if (next) {
    next.suppressed = true
    next.alsoHidden = true
  }
  return siblings
}
