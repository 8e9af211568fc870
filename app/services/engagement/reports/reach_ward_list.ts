import type { AreaFigure } from '#services/residents/representation/representation_figures'

export const WARDS_PER_PAGE = 25

/** The orders the wards table offers; the first is the default, as the ranked table's. */
export const WARD_SORTS = {
  under: 'Most under-represented first',
  name: 'Ward name, A to Z',
  district: 'District, A to Z',
  residents: 'Residents, fewest first',
  rate: 'Residents per 1,000 people, lowest first',
  ratio: 'Compared with the average, lowest first',
} as const
export type WardSort = keyof typeof WARD_SORTS

export interface WardListInput {
  q?: string
  sort?: WardSort
  page?: number
}

export interface WardPage {
  rows: AreaFigure[]
  /** Wards matching the search, on every page. */
  total: number
  page: number
}

const byName = (a: AreaFigure, b: AreaFigure) =>
  a.name.localeCompare(b.name) || (a.district ?? '').localeCompare(b.district ?? '')

/**
 * Hidden figures sort after every shown one, by name: where a hidden ward
 * fell among the shown would tell its small count (or narrow it down).
 */
function byFigure(value: (ward: AreaFigure) => number) {
  return (a: AreaFigure, b: AreaFigure) => {
    if (a.suppressed !== b.suppressed) return a.suppressed ? 1 : -1
    if (a.suppressed) return byName(a, b)
    return value(a) - value(b) || byName(a, b)
  }
}

/**
 * Most under-represented first: the wards the ranked table lists, in its
 * order (the top of the interval, which a hidden ward may take part in, as
 * it does there), then the other shown wards by ratio, then the hidden ones.
 */
function byUnder(a: AreaFigure, b: AreaFigure) {
  const rank = (ward: AreaFigure) => (ward.verdict === 'under' ? 0 : ward.suppressed ? 2 : 1)
  if (rank(a) !== rank(b)) return rank(a) - rank(b)
  if (rank(a) === 0) return a.ratioHigh - b.ratioHigh || byName(a, b)
  if (rank(a) === 1) return a.ratio - b.ratio || byName(a, b)
  return byName(a, b)
}

const ORDERS: Record<WardSort, (a: AreaFigure, b: AreaFigure) => number> = {
  under: byUnder,
  name: byName,
  district: (a, b) => (a.district ?? '').localeCompare(b.district ?? '') || byName(a, b),
  residents: byFigure((ward) => ward.residents),
  rate: byFigure((ward) => ward.ratePer1000),
  ratio: byFigure((ward) => ward.ratio),
}

/**
 * The wards table a page at a time: searched by ward or district name,
 * in the order chosen. The report works out every ward's figures at once
 * (one row per ward), so the search, order and page are over those rows.
 */
export default class ReachWardList {
  static page(wards: AreaFigure[], input: WardListInput): WardPage {
    const words = input.q?.trim().toLocaleLowerCase() ?? ''
    const matching = words
      ? wards.filter((ward) =>
          [ward.name, ward.district ?? ''].some((name) => name.toLocaleLowerCase().includes(words))
        )
      : wards
    const sorted = [...matching].sort(ORDERS[input.sort ?? 'under'])
    const lastPage = Math.max(1, Math.ceil(sorted.length / WARDS_PER_PAGE))
    const page = Math.min(input.page ?? 1, lastPage)
    return {
      rows: sorted.slice((page - 1) * WARDS_PER_PAGE, page * WARDS_PER_PAGE),
      total: sorted.length,
      page,
    }
  }
}
