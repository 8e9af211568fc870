import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import OrganisationRegistry from '#services/platform/organisation_registry'
import OrganisationSuspension from '#services/platform/organisation_suspension'
import { DEFAULT_INTERESTS } from '#services/residents/default_interests'
import { createOrganisation, createStaff } from '#tests/helpers/fixtures'
import { recordEvents } from '#tests/helpers/raised_events'
import { emptyTablesAfterwards } from '#tests/helpers/database'

const commandLine = { user: null, ip: null }

test.group('Events an organisation raises', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('the first organisation of an install raises organisation:created and brings the default interests', async ({
    assert,
    cleanup,
  }) => {
    const events = recordEvents(cleanup)
    const { organisation } = await OrganisationRegistry.create(
      { name: 'Northshire Police', type: 'police' },
      commandLine
    )
    assert.deepEqual(events.of('organisation:created'), [{ organisationId: organisation.id }])
    const slugs = await db.from('interests').orderBy('position').select('slug')
    assert.deepEqual(
      slugs.map((row) => row.slug),
      DEFAULT_INTERESTS.map((interest) => interest.slug)
    )
  })

  test('a later organisation does not bring back an interest an admin removed', async ({
    assert,
    cleanup,
  }) => {
    await OrganisationRegistry.create({ name: 'Northshire Police', type: 'police' }, commandLine)
    await db.from('interests').where('slug', 'cyber-crime').delete()
    const events = recordEvents(cleanup)
    const { organisation } = await OrganisationRegistry.create(
      { name: 'Northshire Fire', type: 'fire' },
      commandLine
    )
    assert.deepEqual(events.of('organisation:created'), [{ organisationId: organisation.id }])
    assert.isNull(await db.from('interests').where('slug', 'cyber-crime').first())
    assert.lengthOf(await db.from('interests'), DEFAULT_INTERESTS.length - 1)
  })

  test('suspending raises organisation:suspended with the reason; reactivating raises organisation:reinstated, once each', async ({
    assert,
    cleanup,
  }) => {
    const organisation = await createOrganisation('Northshire Watch')
    await createStaff(organisation, 'admin')
    const events = recordEvents(cleanup)

    await OrganisationSuspension.suspend(organisation, 'Contract ended.')
    await OrganisationSuspension.suspend(organisation, 'Again')
    assert.deepEqual(events.of('organisation:suspended'), [
      { organisationId: organisation.id, reason: 'Contract ended' },
    ])

    await OrganisationSuspension.reactivate(organisation)
    await OrganisationSuspension.reactivate(organisation)
    assert.deepEqual(events.of('organisation:reinstated'), [{ organisationId: organisation.id }])
  })
})
