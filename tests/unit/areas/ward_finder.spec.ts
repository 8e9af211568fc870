import { test } from '@japa/runner'
import type { AreaChoice } from '#services/areas/area_directory'
import WardFinder, { SHOWN_MATCHES, searchable } from '#services/areas/ward_finder'

let nextId = 1
function district(name: string, wards: string[]): AreaChoice {
  return {
    id: nextId++,
    code: `D${nextId}`,
    name,
    level: 'district',
    children: wards.map((ward) => ({
      id: nextId++,
      code: `W${nextId}`,
      name: ward,
      level: 'ward',
    })),
  }
}

// Isle of Wight wards (one unitary district), and Rutland's as a second district.
const WIGHT = district('Isle of Wight', [
  'Brading, St Helens and Bembridge',
  'Cowes Medina',
  'East Cowes',
  'Newport Central',
  'Ryde East',
  'Ryde North East',
  'Ryde North West',
  'Shanklin Central',
])
const RUTLAND = district('Rutland', ['Braunston & Martinsthorpe', 'Oakham North', 'Uppingham'])
const finder = new WardFinder([WIGHT, RUTLAND])

function names(finding: ReturnType<WardFinder['find']>) {
  return 'wards' in finding ? finding.wards.map((ward) => `${ward.name} (${ward.district})`) : []
}

test.group('Finding a ward by name, or by district then ward', () => {
  test('case, accents and punctuation do not matter', ({ assert }) => {
    assert.equal(searchable('  Brading, St HELENS & Bembridge '), 'brading st helens bembridge')
    assert.equal(searchable('Ystradgynlais Wéstern'), 'ystradgynlais western')
    assert.deepEqual(names(finder.find({ query: 'st helens' })), [
      'Brading, St Helens and Bembridge (Isle of Wight)',
    ])
    assert.deepEqual(names(finder.find({ query: 'BRAUNSTON &' })), [
      'Braunston & Martinsthorpe (Rutland)',
    ])
  })

  test('names that begin with the words come first, then a later word, then any part', ({
    assert,
  }) => {
    const found = finder.find({ query: 'cowes' })
    assert.deepEqual(names(found), ['Cowes Medina (Isle of Wight)', 'East Cowes (Isle of Wight)'])
    assert.deepEqual(names(finder.find({ query: 'central' })), [
      'Newport Central (Isle of Wight)',
      'Shanklin Central (Isle of Wight)',
    ])
    assert.deepEqual(names(finder.find({ query: 'ham' })), [
      'Oakham North (Rutland)',
      'Uppingham (Rutland)',
    ])
    // A district's name finds its wards, after wards named so.
    assert.deepEqual(names(finder.find({ query: 'rutland' })), [
      'Braunston & Martinsthorpe (Rutland)',
      'Oakham North (Rutland)',
      'Uppingham (Rutland)',
    ])
  })

  test('nothing found says so; many found are cut to the first ones with the total', ({
    assert,
  }) => {
    const none = finder.find({ query: 'Basingstoke' })
    assert.deepEqual(none, { kind: 'search', query: 'Basingstoke', wards: [], total: 0 })

    const many = new WardFinder([
      district(
        'Large',
        Array.from({ length: SHOWN_MATCHES + 7 }, (_, index) => `Ward ${index + 1}`)
      ),
    ]).find({ query: 'ward' })
    assert.equal(many.kind, 'search')
    if (many.kind !== 'search') return
    assert.equal(many.total, SHOWN_MATCHES + 7)
    assert.lengthOf(many.wards, SHOWN_MATCHES)
  })

  test('a district lists its wards; an unknown one says so; one district alone is chosen already', ({
    assert,
  }) => {
    assert.deepEqual(names(finder.find({ districtId: RUTLAND.id })), [
      'Braunston & Martinsthorpe (Rutland)',
      'Oakham North (Rutland)',
      'Uppingham (Rutland)',
    ])
    assert.deepEqual(finder.find({ districtId: 999_999 }), { kind: 'unknown_district' })
    assert.deepEqual(finder.find({}), { kind: 'start' })
    // Typing wins over a district in the address; an empty search is no search.
    assert.equal(finder.find({ query: 'ryde', districtId: RUTLAND.id }).kind, 'search')
    assert.equal(finder.find({ query: '  ,, ', districtId: RUTLAND.id }).kind, 'district')

    assert.equal(new WardFinder([WIGHT]).find({}).kind, 'district')
    // Coming back to change the answer shows the chosen ward among its district's.
    const back = finder.find({ wardId: RUTLAND.children[2].id })
    assert.equal(back.kind, 'district')
    assert.deepEqual(finder.districtOptions(), [
      { id: WIGHT.id, name: 'Isle of Wight', wards: 8 },
      { id: RUTLAND.id, name: 'Rutland', wards: 3 },
    ])
  })
})
