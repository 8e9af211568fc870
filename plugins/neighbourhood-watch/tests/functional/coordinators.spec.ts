import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { createStaff } from '#tests/helpers/fixtures'
import { signInStaff } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import { setUp } from '../helpers/register_fixtures.js'

async function schemesOf(userId: number) {
  const rows = await db
    .from('coordinator_schemes')
    .join('memberships', 'memberships.id', 'coordinator_schemes.membership_id')
    .join('schemes', 'schemes.id', 'coordinator_schemes.scheme_id')
    .where('memberships.user_id', userId)
    .select('schemes.name')
  return rows.map((row) => row.name as string)
}

test.group('Neighbourhood Watch: coordinators on the team', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('a scheme’s coordinator who is a coordinator on the team is given it; nobody else is', async ({
    assert,
    cleanup,
  }) => {
    const { fake, organisation, syncNow } = await setUp(cleanup)
    const pat = await createStaff(organisation, 'coordinator', 'pat@example.test')
    // The register's spelling of the address need not be the team's.
    fake.schemes[0].coordinator = { id: 'C-1', name: 'Pat Coordinator', email: 'PAT@Example.test' }
    const dee = await createStaff(organisation, 'sender', 'dee@example.test')
    fake.schemes[1].coordinator = { id: 'C-2', name: 'Dee Sender', email: 'dee@example.test' }

    await syncNow()
    assert.deepEqual(await schemesOf(pat.id), ['Elm Road Watch'])
    // Not a coordinator: the sync makes nobody one, nor gives them a scheme.
    assert.deepEqual(await schemesOf(dee.id), [])
    const role = await db.from('memberships').where('user_id', dee.id).firstOrFail()
    assert.equal(role.role, 'sender')
    const patPages = await signInStaff(pat)
    assert.include((await patPages.get('/staff/my-schemes')).text, 'Elm Road Watch')

    // An admin takes the scheme away: the next sync, naming the same coordinator, leaves it so.
    await db.from('coordinator_schemes').delete()
    await syncNow()
    assert.deepEqual(await schemesOf(pat.id), [])
  })
})
