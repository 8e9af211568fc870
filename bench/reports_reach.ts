/*
| Reports → Who we reach at the reports benchmark's volume: Census figures
| for every ward (as `population:import` leaves them) and "About you"
| answers from a third of the residents, then the parts of the page staff
| wait for. Used by bench/reports.ts.
*/
import type { DatabaseKind } from './support.ts'

// Roughly a ward's people in England: figures of this size make rates of a few hundred per 1,000.
const PEOPLE_PER_WARD = 20_000

/** Each category's share of a ward's people: a little uneven, so that ratios differ. */
function shares(categories: string[], wardIndex: number) {
  const weights = categories.map((_, index) => 1 + ((index + wardIndex) % 4))
  const total = weights.reduce((a, b) => a + b, 0)
  return weights.map((weight) => Math.round((PEOPLE_PER_WARD * weight) / total))
}

/** Census rows for every ward and question; answers from every third resident. */
export async function seedReach(kind: DatabaseKind, wardIds: number[]) {
  const { default: db } = await import('@adonisjs/lucid/services/db')
  const { sqlTime } = await import('#services/platform/infrastructure/sql_time')
  const { CATEGORIES, DIMENSIONS } = await import('#services/areas/population/census_categories')
  const { COLUMNS } = await import('#services/residents/representation/representation_groups')
  const { insertRows } = await import('./support.ts')
  const { DateTime } = await import('luxon')
  const now = sqlTime()
  const rows = wardIds.flatMap((areaId, wardIndex) =>
    DIMENSIONS.flatMap((dimension) => {
      const counts = shares(CATEGORIES[dimension], wardIndex)
      return CATEGORIES[dimension].map((category, index) => ({
        area_id: areaId,
        dimension,
        category,
        count: counts[index],
        source: 'bench',
        imported_at: now,
      }))
    })
  )
  await insertRows(db.connection(), 'population_stats', rows)

  // Each question's answer in turn by id, with some residents preferring not to say.
  const answer = (categories: string[], salt: number) =>
    `CASE (residents.id / 3 + ${salt}) % ${categories.length + 1} ${categories
      .map((category, index) => `WHEN ${index} THEN '${category}'`)
      .join(' ')} ELSE 'prefer_not_to_say' END`
  const columns = DIMENSIONS.map((dimension) => COLUMNS[dimension])
  const values = DIMENSIONS.map((dimension, salt) => answer(CATEGORIES[dimension], salt))
  // Given before anyone joined (two years ago at most), so a past date counts every answer, as
  // the consents' scan does: the answers' daily figures date them from updated_at (0095).
  await db.rawQuery(
    `INSERT INTO demographics (resident_id, ${columns.join(', ')}, updated_at)
     SELECT residents.id, ${values.join(', ')}, ? FROM residents WHERE residents.id % 3 = 0`,
    [sqlTime(DateTime.now().minus({ years: 3 }))]
  )
  return { populationRows: rows.length, kind }
}

/**
 * The parts of Reports → Who we reach, each doing what the page does for it (its controller's
 * index): today's counts from the audience index, the date before's average alone.
 */
export async function reachParts(organisationId: number) {
  const { default: RepresentationReport } =
    await import('#services/engagement/reports/representation_report')
  const { default: ReachWardList } = await import('#services/engagement/reports/reach_ward_list')
  const { default: ReachWardGroups } =
    await import('#services/engagement/reports/reach_ward_groups')
  const { default: ReachAsAt } = await import('#services/engagement/reports/reach_as_at')
  const asAtOf = (input: Parameters<typeof ReachAsAt.resolve>[0]) => {
    const { asAt } = ReachAsAt.resolve(input)
    if (!asAt) throw new Error(`No "as at" date for ${JSON.stringify(input)}`)
    return asAt
  }
  const today = asAtOf({})
  // Today's figures must come from the audience index (which the run built), or the timing is SQL's.
  const { default: ReachCountsFromIndex } =
    await import('#services/engagement/reports/reach_counts_from_index')
  const counts = new ReachCountsFromIndex(organisationId)
  await RepresentationReport.figures(organisationId, null, counts)
  if (counts.answeredBy.includes('sql')) {
    throw new Error(
      `Who we reach today was not answered by the audience index: ${counts.answeredBy}`
    )
  }
  const lastMonth = asAtOf({ asAt: 'last-month' })
  // A past date's answers must come from the daily figures, and agree with the consents' scan
  // (every answer here was given before anyone joined).
  const { default: ReachCountsFromDays } =
    await import('#services/engagement/reports/reach_counts_from_days')
  const { SqlResidentCounts } = await import('#services/residents/representation/resident_counts')
  const past = ReachCountsFromIndex.at(organisationId, lastMonth.at)
  if (!(past instanceof ReachCountsFromDays)) {
    throw new Error('Who we reach at the end of last month was not answered by the daily figures')
  }
  const { wardIds } = await RepresentationReport.figures(organisationId, lastMonth.at)
  const fromDays = await past.answersByWard('ageBand', wardIds)
  const scanned = await new SqlResidentCounts(organisationId, lastMonth.at).answersByWard(
    'ageBand',
    wardIds
  )
  const plain = (byWard: Map<number, Map<string, number>>) =>
    JSON.stringify(
      [...byWard]
        .map(([ward, answers]) => [ward, [...answers].sort()] as const)
        .sort(([a], [b]) => a - b)
    )
  if (plain(fromDays) !== plain(scanned)) {
    throw new Error('The daily figures and the consents disagree on the answers at a past date')
  }
  /** The whole page: figures at the date and at the one before, a page of wards, a page of wards by group. */
  const page = async (asAt: typeof today) => {
    const figures = await RepresentationReport.figures(organisationId, asAt.at)
    await RepresentationReport.average(organisationId, asAt.previous)
    ReachWardList.page(figures.wards, {})
    return ReachWardGroups.page(organisationId, figures, asAt, { groupsBy: 'ageBand' })
  }
  const parts: [string, () => Promise<unknown>][] = [
    [
      'who we reach: figures today',
      async () => {
        // Said when SQL answered the timed run (the index's lock held, Redis slow to answer...).
        const timed = new ReachCountsFromIndex(organisationId)
        await RepresentationReport.figures(organisationId, today.at, timed)
        if (timed.answeredBy.includes('sql')) {
          console.log(`who we reach today, timed: answered by ${timed.answeredBy.join(', ')}`)
        }
      },
    ],
    [
      'who we reach: figures at the end of last month',
      () => RepresentationReport.figures(organisationId, lastMonth.at),
    ],
    ['who we reach: the whole page, today', () => page(today)],
    ['who we reach: the whole page, end of last month', () => page(lastMonth)],
  ]
  return parts
}
