import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import { signedInAs } from '#tests/helpers/self_service_fixtures'
import { setUp } from '../helpers/register_fixtures.js'

test.group('Neighbourhood Watch: residents’ data', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('a resident’s download lists what the sync did about them; erasing them leaves nothing', async ({
    assert,
    cleanup,
  }) => {
    const { fake, bob, syncNow } = await setUp(cleanup)
    fake.schemes[1].coordinator = { id: 'C-2', name: 'Bob Known', email: 'bob@example.test' }
    await syncNow()

    const browser = await signedInAs(bob)
    const download = await browser.get('/my-alerts/your-data/download.json')
    assert.include(download.text, 'Neighbourhood Watch register')
    assert.include(download.text, 'Member M-2 (Bob Known) of Elm Road Watch')

    await browser.submit('/my-alerts/delete-account', {})
    const rows = await db.from('neighbourhood_watch_sync_rows')
    assert.isFalse(rows.some((row) => row.resident_id === bob.id))
    assert.isFalse(rows.some((row) => `${row.subject} ${row.detail}`.includes('Bob')))
    const mill = await db.from('neighbourhood_watch_schemes').where('scheme_ref', 'NW-2').first()
    assert.isNull(mill.coordinator_name)
    assert.isNull(mill.coordinator_email)
    // What the sync did about others stays.
    assert.isTrue(rows.some((row) => String(row.subject).includes('Ann New')))
  })
})
