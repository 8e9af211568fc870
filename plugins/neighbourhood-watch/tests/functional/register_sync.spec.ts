import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { createResident } from '#tests/helpers/fixtures'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import { importedSchemes, PAGE } from '../helpers/watch_setup.js'
import { counts, setUp } from '../helpers/register_fixtures.js'

test.group('Neighbourhood Watch: syncing with the register', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('the first sync imports schemes and consenting members; a rerun changes nothing', async ({
    assert,
    cleanup,
  }) => {
    const { fake, organisation, bob, syncNow } = await setUp(cleanup)

    const first = await syncNow()
    assert.include(first.text, 'The sync finished.')
    assert.deepEqual(counts(first.text), {
      schemes: 3,
      added: 5,
      updated: 0,
      removed: 0,
      rejected: 2,
      unchanged: 0,
    })
    assert.include(first.text, 'No area has the code E05999999')
    assert.include(
      first.text,
      'They have not agreed on the register to receive alerts, so they were not added'
    )
    assert.deepEqual(await importedSchemes(), {
      'NW-1': {
        name: 'Elm Road Watch',
        areaCode: 'T-W1',
        members: ['ann@example.test', 'bob@example.test'],
      },
      'NW-2': { name: 'Mill Lane Watch', areaCode: 'T-W2', members: ['di@example.test'] },
    })
    assert.isTrue(
      fake.requests.every((request) => request.authorization === `Bearer ${fake.token}`)
    )

    // New members are pending sign-ups asking for this organisation; the known resident is untouched.
    const ann = await db.from('residents').where('email', 'ann@example.test').firstOrFail()
    assert.equal(ann.status, 'pending')
    assert.equal(ann.source, 'neighbourhood_watch')
    const asked = await db.from('requested_consents').where('resident_id', ann.id)
    assert.deepEqual(
      asked.map((row) => Number(row.organisation_id)),
      [organisation.id]
    )
    assert.lengthOf(await db.from('resident_tokens').where('resident_id', ann.id), 1)
    assert.lengthOf(await db.from('residents').where('email', 'bob@example.test'), 1)
    assert.lengthOf(await db.from('resident_tokens').where('resident_id', bob.id), 0)
    assert.lengthOf(await db.from('residents').where('email', 'cy@example.test'), 0)

    const again = await syncNow()
    assert.deepEqual(counts(again.text), {
      schemes: 3,
      added: 0,
      updated: 0,
      removed: 0,
      rejected: 2,
      unchanged: 2,
    })
    assert.lengthOf(await db.from('residents').where('email', 'ann@example.test'), 1)
    assert.lengthOf(await db.from('resident_tokens').where('resident_id', ann.id), 1)

    assert.lengthOf(fake.requests, 4) // two pages a sync
  })

  test('a member who left is taken out, and a scheme whose area changed moves', async ({
    assert,
    cleanup,
  }) => {
    const { fake, areas, syncNow } = await setUp(cleanup)
    await syncNow()
    // A resident who joined the scheme themselves stays in it, whatever the register says.
    const self = await createResident(areas.central, [], { email: 'self@example.test' })
    const elm = await db.from('schemes').where('external_ref', 'neighbourhood-watch:NW-1').first()
    await db.table('scheme_members').insert({
      scheme_id: elm.id,
      resident_id: self.id,
      joined_at: new Date().toISOString().replace('T', ' ').replace('Z', ''),
    })

    fake.schemes[0].members = fake.schemes[0].members.filter((member) => member.id !== 'M-1')
    fake.schemes[1].area_code = 'T-W3'
    const page = await syncNow()
    assert.deepEqual(counts(page.text), {
      schemes: 3,
      added: 0,
      updated: 1,
      removed: 1,
      rejected: 2,
      unchanged: 0,
    })
    assert.include(page.text, 'Moved from Skirbeck to Abbey')
    assert.include(page.text, 'No longer a member on the register, so taken out of the scheme')
    const schemes = await importedSchemes()
    assert.deepEqual(schemes['NW-1'].members, ['bob@example.test', 'self@example.test'])
    assert.equal(schemes['NW-2'].areaCode, 'T-W3')
    // Leaving a scheme is not leaving Beacon.
    assert.lengthOf(await db.from('residents').where('email', 'ann@example.test'), 1)
  })

  test('a register that stops answering halfway leaves what was applied; the next sync finishes', async ({
    assert,
    cleanup,
  }) => {
    const { fake, syncNow } = await setUp(cleanup)
    fake.schemes.push({
      id: 'NW-4',
      name: 'Church Walk Watch',
      area_code: 'T-W1',
      members: [{ id: 'M-9', name: 'Eve Church', email: 'eve@example.test', consent: true }],
    })
    fake.hangOnPage = 2

    const stopped = await syncNow()
    assert.include(
      stopped.text,
      'The sync stopped. The register did not answer within 1 second (page 2). The schemes read before then were applied; the rest are as they were, and the next sync carries on.'
    )
    assert.deepEqual(Object.keys(await importedSchemes()).sort(), ['NW-1', 'NW-2'])
    assert.deepEqual(counts(stopped.text), {
      schemes: 2,
      added: 5,
      updated: 0,
      removed: 0,
      rejected: 1,
      unchanged: 0,
    })

    fake.hangOnPage = null
    const finished = await syncNow()
    assert.include(finished.text, 'The sync finished.')
    assert.deepEqual(counts(finished.text), {
      schemes: 4,
      added: 2,
      updated: 0,
      removed: 0,
      rejected: 2,
      unchanged: 2,
    })
    assert.deepEqual((await importedSchemes())['NW-4'].members, ['eve@example.test'])
  })

  test('a wrong token and an unreachable register are said plainly, and change nothing', async ({
    assert,
    cleanup,
  }) => {
    const { fake, admin, syncNow } = await setUp(cleanup)
    const settings = '/staff/settings/plugins/neighbourhood-watch/organisation/settings'
    await admin.post(settings, {
      register_url: fake.url(),
      token: 'wrong-token',
      timeout_seconds: '1',
      _intent: 'save',
    })

    const refused = await syncNow()
    assert.include(
      refused.text,
      'The sync stopped. The register refused the token (it answered 401). Check the register token in Settings → Plugins.'
    )
    assert.notInclude(refused.text, 'wrong-token')
    assert.deepEqual(await importedSchemes(), {})
    const check = await admin.post(settings, {
      register_url: fake.url(),
      token: 'wrong-token',
      _intent: 'check',
    })
    assert.include(check.text, 'The register refused the token (it answered 401).')

    const right = await admin.post(settings, {
      register_url: fake.url(),
      token: fake.token,
      _intent: 'check',
    })
    assert.include(
      right.text,
      'The register accepted the token and listed 2 schemes (page 1 of 2).'
    )

    const address = fake.url()
    await fake.stop()
    await admin.post(settings, {
      register_url: address,
      token: fake.token,
      timeout_seconds: '1',
      _intent: 'save',
    })
    const away = await syncNow()
    assert.include(away.text, 'The sync stopped. The register could not be reached at 127.0.0.1')

    const list = await admin.get(PAGE)
    assert.include(list.text, 'Stopped')
    assert.lengthOf(list.text.match(/data-sync="/g) ?? [], 2)
  })
})
