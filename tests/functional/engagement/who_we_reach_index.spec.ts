import { test } from '@japa/runner'
import config from '@adonisjs/core/services/config'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import type Area from '#models/areas/area'
import type Organisation from '#models/platform/organisation'
import { DIMENSIONS } from '#services/areas/population/census_categories'
import PopulationImport from '#services/areas/population/population_import'
import { sqlTime } from '#services/platform/infrastructure/sql_time'
import RepresentationFigures from '#services/residents/representation/representation_figures'
import { SqlResidentCounts } from '#services/residents/representation/resident_counts'
import { wardGroupFigures } from '#services/residents/representation/ward_group_figures'
import ReachCountsFromIndex from '#services/engagement/reports/reach_counts_from_index'
import ReachCountsFromDays from '#services/engagement/reports/reach_counts_from_days'
import AudienceIndex from '#services/targeting/audience_index'
import AudienceIndexStore from '#services/targeting/audience_index_store'
import redis from '@adonisjs/redis/services/main'
import { createOrganisation, createResident, createStaff } from '#tests/helpers/fixtures'
import { signInStaff } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import { tableRows } from '#tests/helpers/organisation_report_fixtures'
import { CENSUS_FILES, censusAreas, censusFixturePath } from '#tests/helpers/census_fixtures'

const REPORT = '/staff/reports/who-we-reach'
const TABLES = [
  'ranked-reach',
  'wards-reach',
  'districts-reach',
  'groups-reach',
  'ward-groups-reach',
]

type Answers = { sex?: string; age_band?: string; main_language?: string }

async function answering(
  ward: Area,
  organisation: Organisation,
  count: number,
  answers: Answers,
  overrides: Parameters<typeof createResident>[2] = {}
) {
  const made = []
  for (let index = 0; index < count; index++) {
    const resident = await createResident(ward, [organisation], overrides)
    if (Object.keys(answers).length) {
      await db
        .table('demographics')
        .insert({ resident_id: resident.id, ...answers, updated_at: sqlTime() })
    }
    made.push(resident)
  }
  return made
}

/**
 * Census figures for sex, age and main language (Boston's Central has no main language
 * figures), and the police's residents in every ward with answers of several kinds; 40 count.
 * Not counted: a withdrawn consent, a pending and a stopped resident, another force's residents.
 */
async function island() {
  const wards = await censusAreas()
  for (const file of [CENSUS_FILES.sex, CENSUS_FILES.age, CENSUS_FILES.language]) {
    await PopulationImport.fromFile(censusFixturePath(file))
  }
  const police = await createOrganisation('Isle of Wight Police')
  const other = await createOrganisation('Another Force')
  const female = { sex: 'female', age_band: '25_34', main_language: 'en' }
  const male = { sex: 'male', age_band: '65_74', main_language: 'pl' }
  const unsaid = {
    sex: 'prefer_not_to_say',
    age_band: 'prefer_not_to_say',
    main_language: 'prefer_not_to_say',
  }
  await answering(wards.carisbrooke, police, 6, female)
  await answering(wards.carisbrooke, police, 5, male)
  await answering(wards.carisbrooke, police, 2, unsaid)
  await answering(wards.newportCentral, police, 7, { ...female, age_band: '18_24' })
  await answering(wards.newportCentral, police, 3, {})
  await answering(wards.newportCentral, police, 5, { ...male, main_language: 'ro' })
  await answering(wards.rydeSouth, police, 8, { ...female, age_band: '45_54' })
  await answering(wards.bostonCentral, police, 4, { sex: 'male', age_band: '18_24' })

  const [withdrawn] = await answering(wards.rydeSouth, police, 1, male)
  await db.from('consents').where('resident_id', withdrawn.id).update({ withdrawn_at: sqlTime() })
  await answering(wards.rydeSouth, police, 1, male, { status: 'pending' })
  await answering(wards.rydeSouth, police, 1, male, {
    status: 'unsubscribed',
    unsubscribedAt: DateTime.now(),
  })
  await answering(wards.rydeSouth, other, 6, male)
  return { wards, police }
}

/** Every figure Who we reach shows, from the counts given. */
async function everything(
  organisationId: number,
  counts: () => SqlResidentCounts | ReachCountsFromIndex
) {
  const figures = await RepresentationFigures.of(organisationId, null, counts())
  const byGroup = []
  for (const dimension of DIMENSIONS) {
    byGroup.push(await wardGroupFigures(organisationId, dimension, figures.wardIds, null, counts()))
  }
  const average = await RepresentationFigures.average(organisationId, null, counts())
  return { figures, byGroup, average }
}

async function pageTables(browser: Awaited<ReturnType<typeof signInStaff>>) {
  const tables: Record<string, string[][]> = {}
  for (const groupsBy of ['sex', 'ageBand', 'mainLanguage']) {
    const page = await browser.get(`${REPORT}?groupsBy=${groupsBy}&sort=name`)
    for (const table of TABLES) tables[`${groupsBy}:${table}`] = tableRows(page.text, table)
  }
  return tables
}

test.group('Reports → Who we reach, counted from the audience index', (group) => {
  group.each.setup(() => emptyTablesAfterwards())
  group.each.teardown(() => AudienceIndex.forget())

  test("today's figures come from the index and equal the SQL's", async ({ assert }) => {
    const { wards, police } = await island()
    assert.isTrue(await AudienceIndex.rebuild())
    // A change after the build: the index applies it before it answers.
    await answering(wards.carisbrooke, police, 1, { sex: 'female', main_language: 'cy' })

    const used: ReachCountsFromIndex[] = []
    const fromIndex = await everything(police.id, () => {
      const counts = new ReachCountsFromIndex(police.id)
      used.push(counts)
      return counts
    })
    const fromSql = await everything(police.id, () => new SqlResidentCounts(police.id, null))

    const answeredBy = used.flatMap((counts) => counts.answeredBy)
    // Residents by area twice (the figures, the average); the answers of the three questions
    // with Census figures for the figures and again for the wards by group.
    assert.lengthOf(answeredBy, 8)
    assert.deepEqual([...new Set(answeredBy)], ['index'])
    assert.deepEqual(fromIndex, fromSql)

    // By hand: 41 residents in the four wards; 31 answered "sex" (not the 2 who preferred not
    // to say, nor the 3 who did not answer); main language only where there are its figures.
    assert.equal(fromSql.average.residents, 41)
    assert.deepEqual(fromSql.figures.average, fromSql.average)
    const groups = (dimension: string) =>
      fromSql.figures.groups
        .filter((one) => one.dimension === dimension)
        .map((one) => [one.category, one.residents])
    assert.deepEqual(groups('sex'), [
      ['female', 22],
      ['male', 14],
    ])
    assert.sameDeepMembers(
      groups('mainLanguage').filter(([, residents]) => residents),
      [
        ['en', 21],
        ['cy', 1],
        ['pl', 5],
        ['ro', 5],
      ]
    )
    const carisbrooke = fromSql.byGroup[DIMENSIONS.indexOf('sex')].byWard.get(wards.carisbrooke.id)
    assert.deepEqual(
      carisbrooke?.map((one) => [one.category, one.residents]),
      [
        ['female', 7],
        ['male', 5],
      ]
    )
  })

  test('an index built before main language was indexed leaves only that question to SQL', async ({
    assert,
  }) => {
    const { police } = await island()
    assert.isTrue(await AudienceIndex.rebuild())
    const generation = await redis.get(AudienceIndexStore.currentKey())
    await redis.del(AudienceIndexStore.holdsKey(generation!))

    const counts = new ReachCountsFromIndex(police.id)
    const fromIndex = await RepresentationFigures.of(police.id, null, counts)
    // Residents by area, and the answers to age and sex from the index; main language from SQL.
    assert.deepEqual(counts.answeredBy.toSorted(), ['index', 'index', 'index', 'sql'])
    const fromSql = await RepresentationFigures.of(
      police.id,
      null,
      new SqlResidentCounts(police.id, null)
    )
    assert.deepEqual(fromIndex, fromSql)
  })

  test('with the index unavailable the page shows the same figures, from SQL', async ({
    assert,
    cleanup,
  }) => {
    const { police } = await island()
    const browser = await signInStaff(await createStaff(police, 'analyst'))
    assert.isTrue(await AudienceIndex.rebuild())
    const withIndex = await pageTables(browser)
    assert.deepEqual(
      withIndex['sex:wards-reach'].map((row) => row.slice(0, 3)),
      [
        ['Carisbrooke', 'Isle of Wight', '13'],
        ['Central', 'Boston', 'Fewer than 5'],
        ['Newport Central', 'Isle of Wight', '15'],
        ['Ryde South', 'Isle of Wight', '8'],
      ]
    )

    await AudienceIndex.forget()
    const limit = config.get<number>('beacon.audience.buildOnRequestUpTo')
    config.set('beacon.audience.buildOnRequestUpTo', 0)
    cleanup(() => config.set('beacon.audience.buildOnRequestUpTo', limit))
    const counts = new ReachCountsFromIndex(police.id)
    await RepresentationFigures.of(police.id, null, counts)
    assert.deepEqual([...new Set(counts.answeredBy)], ['sql'])
    assert.deepEqual(await pageTables(browser), withIndex)
  })

  test('at a past midnight residents per area come from the daily figures, as the consents count them', async ({
    assert,
  }) => {
    const { police } = await island()
    const midnight = DateTime.now().setZone('Europe/London').startOf('day').plus({ days: 1 })
    const counts = ReachCountsFromIndex.at(police.id, midnight)
    assert.instanceOf(counts, ReachCountsFromDays)
    const fromDays = await RepresentationFigures.of(police.id, midnight, counts)
    const fromSql = await RepresentationFigures.of(
      police.id,
      midnight,
      new SqlResidentCounts(police.id, midnight)
    )
    assert.equal(fromSql.average.residents, 40)
    assert.deepEqual(fromDays, fromSql)
  })
})
