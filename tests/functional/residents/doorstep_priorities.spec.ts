import { test } from '@japa/runner'
import Area from '#models/areas/area'
import { createStaff } from '#tests/helpers/fixtures'
import { signInStaff } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import { reachOfTheIsland } from '#tests/helpers/census_fixtures'
import { PLACES } from '#tests/helpers/boundary_fixtures'

const listItems = (html: string, id: string) => {
  const list = html.match(new RegExp(`<ol[^>]*id="${id}"[^>]*>([\\s\\S]*?)</ol>`))
  if (!list) return []
  return [...list[1].matchAll(/<li>([\s\S]*?)<\/li>/g)].map((item) =>
    item[1].replace(/\s+/g, ' ').trim()
  )
}

test.group('Doorstep sign-up: where sign-ups count most', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('the ward the officer picks shows the nearest under-represented wards and the groups least reached', async ({
    assert,
  }) => {
    const { police } = await reachOfTheIsland()
    const officer = await signInStaff(await createStaff(police, 'officer'))

    const plain = await officer.get('/staff/doorstep')
    assert.equal(plain.status, 200)
    assert.include(plain.text, 'Where sign-ups count most')
    assert.notInclude(plain.text, 'id="nearby-areas"')

    const ryde = await Area.findByOrFail('code', 'E05008506')
    const page = await officer.get(`/staff/doorstep?nearWard=${ryde.id}`)
    assert.include(page.text, 'Under-represented wards nearest Ryde South')
    const [newport] = listItems(page.text, 'nearby-areas')
    assert.match(
      newport,
      /^Newport Central \(Isle of Wight\), \d+\.\d km: 1 registered per 1,000 people$/
    )
    assert.deepEqual(listItems(page.text, 'nearby-groups'), ['Sex: Male'])
    // In Ryde South itself: 10 women and 3 men answered of 2,500 each; neither clearly under.
    assert.include(page.text, 'Groups least reached in Ryde South')
    assert.include(page.text, 'id="ward-groups-none"')

    // In Newport Central no woman answered (0 of 5,000: at most 0.42 of the average) and 3 men
    // did (at most 0.97): both hidden as small, both named, the clearer first.
    const newportWard = await Area.findByOrFail('code', 'E05008497')
    const inNewport = await officer.get(`/staff/doorstep?nearWard=${newportWard.id}`)
    assert.deepEqual(listItems(inNewport.text, 'ward-groups'), ['Sex: Female', 'Sex: Male'])
  })

  test('a shared position finds the nearest, and a nonsense one shows the picker alone', async ({
    assert,
  }) => {
    const { police } = await reachOfTheIsland()
    const officer = await signInStaff(await createStaff(police, 'officer'))
    const castle = PLACES.carisbrookeCastle
    const page = await officer.get(`/staff/doorstep?lat=${castle.lat}&lng=${castle.lng}`)
    assert.include(page.text, 'Under-represented wards nearest you')
    assert.lengthOf(listItems(page.text, 'nearby-areas'), 1)

    const nonsense = await officer.get('/staff/doorstep?lat=north&lng=999')
    assert.equal(nonsense.status, 200)
    assert.notInclude(nonsense.text, 'id="nearby-areas"')
  })
})
