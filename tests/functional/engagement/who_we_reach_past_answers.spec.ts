import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type Area from '#models/areas/area'
import type Organisation from '#models/platform/organisation'
import PopulationImport from '#services/areas/population/population_import'
import ResidentErasure from '#services/residents/privacy/resident_erasure'
import ResidentDataExport from '#services/residents/privacy/resident_data_export'
import { sqlTime } from '#services/platform/infrastructure/sql_time'
import ResidentDemographics from '#services/residents/preferences/resident_demographics'
import RepresentationFigures from '#services/residents/representation/representation_figures'
import { SqlResidentCounts } from '#services/residents/representation/resident_counts'
import ReachCountsFromIndex from '#services/engagement/reports/reach_counts_from_index'
import ReachCountsFromDays from '#services/engagement/reports/reach_counts_from_days'
import { createOrganisation, createResident, createStaff } from '#tests/helpers/fixtures'
import { signInStaff } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import { london, tableRows } from '#tests/helpers/organisation_report_fixtures'
import { CENSUS_FILES, censusAreas, censusFixturePath } from '#tests/helpers/census_fixtures'

const REPORT = '/staff/reports/who-we-reach'
const JOINED = '2026-01-10T12:00'

/** A resident of the police since 10 January 2026, answering at a UK time (none: no answers). */
async function joining(
  ward: Area,
  police: Organisation,
  answers: Record<string, string> | null,
  answeredAt = JOINED
) {
  const resident = await createResident(ward, [police])
  await db
    .from('consents')
    .where('resident_id', resident.id)
    .update({ granted_at: sqlTime(london(JOINED)) })
  if (answers) {
    await db.table('demographics').insert({
      resident_id: resident.id,
      ...answers,
      updated_at: sqlTime(london(answeredAt)),
    })
  }
  return resident
}

/**
 * The police's residents in Carisbrooke (C) and Newport Central (N), all
 * since 10 January: 5 female 25–34 (C); 5 male 65–74 (C), two of whom say
 * female from 15 February; W, female (N), withdraws on 5 March; M (N),
 * male from 20 January, moves to C on 20 March (counted in C at every
 * date: moves keep no history); P (N) prefers not to say; D, female (C),
 * deletes the answers today. And another force's female resident in C.
 */
async function history() {
  const wards = await censusAreas()
  for (const file of [CENSUS_FILES.sex, CENSUS_FILES.age]) {
    await PopulationImport.fromFile(censusFixturePath(file))
  }
  const police = await createOrganisation('Isle of Wight Police')
  const other = await createOrganisation('Another Force')
  const [c, n] = [wards.carisbrooke, wards.newportCentral]
  for (let index = 0; index < 5; index++) {
    await joining(c, police, { sex: 'female', age_band: '25_34' })
  }
  const men = []
  for (let index = 0; index < 5; index++) {
    men.push(await joining(c, police, { sex: 'male', age_band: '65_74' }))
  }
  for (const man of men.slice(0, 2)) {
    await db
      .from('demographics')
      .where('resident_id', man.id)
      .update({ sex: 'female', updated_at: sqlTime(london('2026-02-15T12:00')) })
  }
  const w = await joining(n, police, { sex: 'female' })
  await db
    .from('consents')
    .where('resident_id', w.id)
    .update({ withdrawn_at: sqlTime(london('2026-03-05T12:00')) })
  const m = await joining(n, police, { sex: 'male' }, '2026-01-20T09:00')
  await m.related('areas').sync([c.id, c.parentId!])
  await joining(n, police, { sex: 'prefer_not_to_say' })
  const d = await joining(c, police, { sex: 'female' })
  await ResidentDemographics.clear(d.id)
  await createResident(c, [other]).then((one) =>
    db.table('demographics').insert({ resident_id: one.id, sex: 'female', updated_at: sqlTime() })
  )
  return { police, c, n }
}

const sorted = (counts: Map<string, number>) => Object.fromEntries([...counts].sort())

test.group('Reports → Who we reach at a past date: answers from the daily figures', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('the answers at each past midnight are those residents had then, as counted by hand', async ({
    assert,
  }) => {
    const { police, c, n } = await history()
    const wardIds = [c.id, n.id]
    const at = async (local: string) => {
      const counts = ReachCountsFromIndex.at(police.id, london(local))
      assert.instanceOf(counts, ReachCountsFromDays)
      const byWard = await counts.answersByWard('sex', wardIds)
      return {
        residents: Object.fromEntries(await counts.inAreas(wardIds)),
        sex: sorted(await counts.answers('sex', wardIds)),
        c: sorted(byWard.get(c.id) ?? new Map()),
        n: sorted(byWard.get(n.id) ?? new Map()),
        age: sorted(await counts.answers('ageBand', wardIds)),
      }
    }

    // Granted at noon on 10 January: nobody counts at its start.
    assert.deepEqual(await at('2026-01-10T00:00'), {
      residents: { [c.id]: 0, [n.id]: 0 },
      sex: {},
      c: {},
      n: {},
      age: {},
    })
    assert.deepEqual(await at('2026-02-01T00:00'), {
      residents: { [c.id]: 12, [n.id]: 2 },
      sex: { female: 7, male: 6 },
      c: { female: 6, male: 6 },
      n: { female: 1 },
      age: { '25_34': 5, '65_74': 5 },
    })
    // Two men said female from 15 February.
    assert.deepEqual(await at('2026-03-01T00:00'), {
      residents: { [c.id]: 12, [n.id]: 2 },
      sex: { female: 9, male: 4 },
      c: { female: 8, male: 4 },
      n: { female: 1 },
      age: { '25_34': 5, '65_74': 5 },
    })
    // W withdrew on 5 March.
    assert.deepEqual(await at('2026-04-01T00:00'), {
      residents: { [c.id]: 12, [n.id]: 1 },
      sex: { female: 8, male: 4 },
      c: { female: 8, male: 4 },
      n: {},
      age: { '25_34': 5, '65_74': 5 },
    })
    // The consents' scan knows only today's answers: D's female of 1 March is gone from it.
    const scanned = new SqlResidentCounts(police.id, london('2026-03-01T00:00'))
    assert.deepEqual(sorted(await scanned.answers('sex', wardIds)), { female: 8, male: 4 })

    const figures = await RepresentationFigures.of(
      police.id,
      london('2026-03-01T00:00'),
      ReachCountsFromIndex.at(police.id, london('2026-03-01T00:00'))
    )
    const groups = figures.groups
      .filter((one) => one.dimension === 'sex')
      .map((one) => [one.category, one.residents])
    assert.deepEqual(groups, [
      ['female', 9],
      ['male', 4],
    ])
  })

  test('the page at a past date shows the daily figures, not a scan of the consents', async ({
    assert,
  }) => {
    const { police, c } = await history()
    const browser = await signInStaff(await createStaff(police, 'analyst'))
    const page = `${REPORT}?asAt=date&day=28&month=2&year=2026&groupsBy=sex&sort=name`
    // Sex is hidden (4 men could be worked out from it); the 25–34s show.
    const ages = async () =>
      tableRows((await browser.get(page)).text, 'groups-reach').find(
        (row) => row[0] === 'Age: 25 to 34'
      )
    const before = await ages()
    assert.equal(before?.[1], '5')

    // Three more 25–34s in Carisbrooke on one day of January, in the figures alone.
    await db
      .from('answer_day_figures')
      .where({ organisation_id: police.id, area_id: c.id, dimension: 'ageBand', answer: '25_34' })
      .where('day', '2026-01-10')
      .increment('started', 3)
    const after = await ages()
    assert.equal(after?.[1], '8')
  })

  test('an answer changed by any write path, and an erasure, reach the figures', async ({
    assert,
  }) => {
    const { police, c, n } = await history()
    const tomorrow = london(new Date().toISOString().slice(0, 10) + 'T00:00').plus({ days: 1 })
    const counts = () => ReachCountsFromIndex.at(police.id, tomorrow)
    // Today: the figures agree with the consents' scan of today's answers.
    for (const dimension of ['sex', 'ageBand'] as const) {
      assert.deepEqual(
        sorted(await counts().answers(dimension, [c.id, n.id])),
        sorted(await new SqlResidentCounts(police.id, tomorrow).answers(dimension, [c.id, n.id]))
      )
    }
    // A hand-written fix in SQL, leaving updated_at: it dates from now, so it changes today's
    // figures and not March's.
    await db.from('demographics').where('sex', 'male').update({ sex: 'female' })
    assert.deepEqual(sorted(await counts().answers('sex', [c.id, n.id])), { female: 11 })
    const march = () => ReachCountsFromIndex.at(police.id, london('2026-03-01T00:00'))
    assert.deepEqual(sorted(await march().answers('sex', [c.id, n.id])), { female: 9, male: 4 })

    // The resident's own page (the model dates the answers): from today on, not in March.
    const p = await db.from('demographics').where('sex', 'prefer_not_to_say').firstOrFail()
    await ResidentDemographics.save(p.resident_id, { sex: 'male' })
    assert.deepEqual(sorted(await counts().answers('sex', [c.id, n.id])), { female: 11, male: 1 })
    assert.deepEqual(sorted(await march().answers('sex', [c.id, n.id])), { female: 9, male: 4 })

    // An erased resident counts at no date, and their answers' history goes with them.
    const erased = await db.from('demographics').where('age_band', '25_34').first()
    await ResidentErasure.erase(erased.resident_id)
    assert.deepEqual(sorted(await march().answers('sex', [c.id, n.id])), { female: 8, male: 4 })
    assert.deepEqual(sorted(await march().answers('ageBand', [c.id, n.id])), {
      '25_34': 4,
      '65_74': 5,
    })
    // What is left is the deletion of the answers (a row of none), which says nothing of them.
    const answered = await db
      .from('resident_answer_log')
      .where('resident_id', erased.resident_id)
      .where((some) => some.whereNotNull('sex').orWhereNotNull('age_band'))
      .first()
    assert.isNull(answered)
    const entry = await db
      .from('answer_figure_entries')
      .where('resident_id', erased.resident_id)
      .first()
    assert.isNull(entry)
  })

  test("the history of a resident's answers is in their data download", async ({ assert }) => {
    await history()
    // One of the men who say female from 15 February.
    const man = await db
      .from('demographics')
      .where('sex', 'female')
      .where('age_band', '65_74')
      .firstOrFail()
    const data = await ResidentDataExport.collect(man.resident_id)
    assert.deepEqual(
      (data.aboutYouHistory as Record<string, unknown>[]).map((row) => [row.sex, row.ageBand]),
      [
        ['Male', '65 to 74'],
        ['Female', '65 to 74'],
      ]
    )
    const csv = ResidentDataExport.toCsv(data)
    assert.include(csv, 'aboutYouHistory,2,sex,Female')
    assert.include(csv, 'aboutYouHistory,2,givenAt,2026-02-15T12:00')
  })
})
