import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import type Organisation from '#models/platform/organisation'
import PopulationImport from '#services/areas/population/population_import'
import { sqlTime } from '#services/platform/infrastructure/sql_time'
import { createOrganisation, createResident } from '#tests/helpers/fixtures'
import Area from '#models/areas/area'
import { AREA_FILES, importAreaFixture } from '#tests/helpers/boundary_fixtures'

/** The synthetic Census files (tests/fixtures/census, with its README: made-up figures, real layout). */
export const CENSUS_FILES = {
  sex: 'census2021-ts008-ward-synthetic.csv',
  age: 'census2021-ts007-ward-synthetic.csv',
  language: 'census2021-ts024-ward-synthetic.csv',
  ethnicityByOutputArea: 'census2021-ts021-oa-synthetic.csv',
  lookup: 'oa21-to-ward-synthetic.csv',
  broken: 'census2021-ts008-ward-broken-synthetic.csv',
  unknownColumn: 'census2021-ts008-ward-unknown-column-synthetic.csv',
}

export function censusFixturePath(name: string) {
  return app.makePath('tests', 'fixtures', 'census', name)
}

/** The Isle of Wight's district and wards, and the demo's Central ward of Boston (Lincolnshire). */
export async function censusAreas() {
  await importAreaFixture(AREA_FILES.districts)
  await importAreaFixture(AREA_FILES.wightWards)
  const boston = await Area.create({ code: 'E07000136', name: 'Boston', level: 'district' })
  await Area.create({ code: 'E05005541', name: 'Central', level: 'ward', parentId: boston.id })
  const ward = (code: string) => Area.findByOrFail('code', code)
  return {
    carisbrooke: await ward('E05008482'),
    newportCentral: await ward('E05008497'),
    rydeSouth: await ward('E05008506'),
    bostonCentral: await ward('E05005541'),
  }
}

export async function residents(
  ward: Area,
  organisation: Organisation,
  count: number,
  sex?: string
) {
  for (let index = 0; index < count; index++) {
    const resident = await createResident(ward, [organisation])
    if (sex) {
      await db
        .table('demographics')
        .insert({ resident_id: resident.id, sex, updated_at: sqlTime() })
    }
  }
}

/**
 * By hand, with the synthetic TS008 file (people: Carisbrooke 4,000, Newport Central 10,000,
 * Ryde South 5,000, Boston's Central 3,000: 22,000, half of each ward female):
 *   Carisbrooke 24 residents (20 said female, 4 male), Newport Central 10 (3 male),
 *   Ryde South 15 (10 female, 3 male, 1 preferred not to say), Central 3.
 * Average 52 / 22,000 = 2.3636 per 1,000. Newport Central: 1 per 1,000, 0.42 of the average.
 * Sex: 40 answered of 22,000 (1.8182 per 1,000); male 10 of 11,000 = 0.9091, 0.5 of it.
 */
export async function reachOfTheIsland() {
  const wards = await censusAreas()
  await PopulationImport.fromFile(censusFixturePath(CENSUS_FILES.sex))
  const police = await createOrganisation('Isle of Wight Police')
  const other = await createOrganisation('Another Force')
  await residents(wards.carisbrooke, police, 20, 'female')
  await residents(wards.carisbrooke, police, 4, 'male')
  await residents(wards.newportCentral, police, 3, 'male')
  await residents(wards.newportCentral, police, 7)
  await residents(wards.rydeSouth, police, 10, 'female')
  await residents(wards.rydeSouth, police, 3, 'male')
  await residents(wards.rydeSouth, police, 1, 'prefer_not_to_say')
  await residents(wards.rydeSouth, police, 1)
  await residents(wards.bostonCentral, police, 3)
  // Another organisation's residents are not the police's.
  await residents(wards.newportCentral, other, 30, 'male')
  return { police, other }
}

/**
 * For the wards by group, on top of reachOfTheIsland: 12 women and 6 men more in Newport
 * Central (12 and 9), 2 men more in Ryde South (10 women and 5 men). By hand: 60 answered of
 * 22,000 people, 2.7273 per 1,000. Newport Central women 12 of 5,000 (2.4 per 1,000), men 9
 * (1.8); Ryde South women 10 of 2,500 (4), men 5 (2); Carisbrooke's 4 men are too few, and
 * hide its 20 women; Central has no answers.
 */
export async function moreOfTheIsland(police: Organisation) {
  const ward = (code: string) => Area.findByOrFail('code', code)
  await residents(await ward('E05008497'), police, 12, 'female')
  await residents(await ward('E05008497'), police, 6, 'male')
  await residents(await ward('E05008506'), police, 2, 'male')
}
