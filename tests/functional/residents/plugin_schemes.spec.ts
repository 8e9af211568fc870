import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { createOrganisation, createResident, seedAreas } from '#tests/helpers/fixtures'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import { pluginSchemes } from '#services/residents/lists/plugin_schemes'
import { sqlTime } from '#services/platform/infrastructure/sql_time'

test.group('Schemes contract (#contracts/schemes)', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('each plugin keeps its own register ids, and a refused scheme writes nothing', async ({
    assert,
  }) => {
    await seedAreas()
    const first = pluginSchemes('first-register')
    const second = pluginSchemes('second-register')
    const input = {
      externalRef: 'S-1',
      name: 'Elm Road Watch',
      kind: 'neighbourhood_watch' as const,
    }

    const made = await first.upsertScheme({ ...input, areaCode: 'T-W1' })
    assert.deepEqual(made.ok && made.outcome, 'created')
    const other = await second.upsertScheme({ ...input, areaCode: 'T-W1' })
    assert.deepEqual(other.ok && other.outcome, 'created')
    assert.notEqual(made.ok && made.schemeId, other.ok && other.schemeId)

    const again = await first.upsertScheme({ ...input, areaCode: 'T-W1' })
    assert.deepEqual(again, {
      ok: true,
      schemeId: made.ok ? made.schemeId : 0,
      outcome: 'unchanged',
      changes: [],
    })
    const moved = await first.upsertScheme({
      ...input,
      name: 'Elm Road',
      kind: 'farm_watch',
      areaCode: 'T-W2',
    })
    assert.deepEqual(moved.ok && moved.changes, [
      'Renamed from Elm Road Watch to Elm Road',
      'Now Farm Watch (was Neighbourhood Watch)',
      'Moved from Central to Skirbeck',
    ])

    assert.deepEqual(await first.upsertScheme({ ...input, externalRef: 'S-2', areaCode: 'NOPE' }), {
      ok: false,
      reason: 'No area has the code NOPE (Settings → Areas lists them)',
    })
    assert.deepEqual(await first.upsertScheme({ ...input, externalRef: 'S-2' }), {
      ok: false,
      reason: 'It has neither an area code nor a postcode',
    })
    assert.isNull(await first.schemeIdOf('S-2'))
    assert.equal(await first.schemeIdOf('S-1'), made.ok ? made.schemeId : -1)
  })

  test('setMembers changes only the members the plugin added; enrolling a known address changes nobody', async ({
    assert,
  }) => {
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    const schemes = pluginSchemes('first-register')
    const scheme = await schemes.upsertScheme({
      externalRef: 'S-1',
      name: 'Elm Road Watch',
      kind: 'neighbourhood_watch',
      areaCode: 'T-W1',
    })
    const schemeId = scheme.ok ? scheme.schemeId : 0
    const known = await createResident(central, [organisation], { email: 'known@example.test' })
    const self = await createResident(central, [organisation])
    await db
      .table('scheme_members')
      .insert({ scheme_id: schemeId, resident_id: self.id, joined_at: sqlTime() })

    const existing = await schemes.enrolResident({
      name: 'Someone Else',
      email: 'KNOWN@example.test',
      organisationIds: [organisation.id],
    })
    assert.deepEqual(existing, { ok: true, residentId: known.id, outcome: 'existing' })
    await known.refresh()
    assert.equal(known.name, 'Test Resident')
    assert.lengthOf(await db.from('resident_tokens').where('resident_id', known.id), 0)

    const created = await schemes.enrolResident({
      name: 'New Member',
      email: 'new@example.test',
      organisationIds: [organisation.id],
      fallbackSchemeId: schemeId,
    })
    assert.isTrue(created.ok && created.outcome === 'created')
    const newId = created.ok ? created.residentId : 0

    assert.deepEqual(await schemes.setMembers(schemeId, [known.id, newId, self.id]), {
      added: [known.id, newId],
      removed: [],
    })
    assert.deepEqual(await schemes.setMembers(schemeId, [newId]), {
      added: [],
      removed: [known.id],
    })
    assert.deepEqual(await schemes.setMembers(schemeId, []), { added: [], removed: [newId] })
    const left = await db.from('scheme_members').where('scheme_id', schemeId)
    assert.deepEqual(
      left.map((row) => Number(row.resident_id)),
      [self.id]
    )

    assert.deepEqual(
      await schemes.enrolResident({ name: 'Nobody', email: 'not-an-email', organisationIds: [] }),
      { ok: false, reason: 'The email address “not-an-email” is not valid' }
    )
  })
})
