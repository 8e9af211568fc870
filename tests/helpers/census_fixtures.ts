import app from '@adonisjs/core/services/app'
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
