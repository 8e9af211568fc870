import { test } from '@japa/runner'
import { BrowserLikeSession } from '#tests/helpers/http'
import { createOrganisation, createResident, createStaff, seedAreas } from '#tests/helpers/fixtures'
import { signInStaff } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import { alertFor } from '#tests/helpers/archive_fixtures'
import { residentOf, seedSelfService, signedInAs } from '#tests/helpers/self_service_fixtures'
import { enableFixturePlugin } from '#tests/helpers/plugin_fixture'
import { composerSaves } from '#tests/fixtures/plugins/surfaces-fixture/plugin'

test.group('Plugins’ slots', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('an alert’s public page shows an enabled plugin’s part, with the slot’s data', async ({
    assert,
    cleanup,
  }) => {
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    const alert = await alertFor(organisation, [central], { title: 'Flooding on the river path' })
    const visitor = new BrowserLikeSession()

    const before = await visitor.get(`/alerts/${alert.id}`)
    assert.include(before.text, 'Flooding on the river path')
    assert.notInclude(before.text, 'Share this alert')

    await enableFixturePlugin(cleanup)
    const after = await visitor.get(`/alerts/${alert.id}`)
    assert.include(after.text, 'Share this alert')
    assert.include(after.text, `Flooding on the river path http://localhost:`)
    assert.include(after.text, `/alerts/${alert.id}</p>`)
  })

  test('the resident’s preferences page and their staff record show the plugin’s parts', async ({
    assert,
    cleanup,
  }) => {
    const world = await seedSelfService()
    const resident = await residentOf(world, { language: 'cy' })
    const residentBrowser = await signedInAs(resident)
    assert.notInclude(
      (await residentBrowser.get('/my-alerts/account')).text,
      'Get alerts in this browser'
    )

    await enableFixturePlugin(cleanup)
    const preferences = await residentBrowser.get('/my-alerts/account')
    assert.include(preferences.text, 'Get alerts in this browser')
    assert.include(preferences.text, `Resident ${resident.id} reads CY.`)

    const sender = await signInStaff(await createStaff(world.opcc, 'sender'))
    const record = await sender.get(`/staff/residents/${resident.id}`)
    assert.include(
      record.text,
      `Resident ${resident.id} seen by sender of organisation ${world.opcc.id}.`
    )
  })

  test('a part whose data fails is left out; the composer shows the others', async ({
    assert,
    cleanup,
  }) => {
    await enableFixturePlugin(cleanup)
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    await createResident(central, [organisation])
    const sender = await signInStaff(await createStaff(organisation, 'sender'))
    const composer = await sender.get('/staff/alerts/new')
    assert.equal(composer.status, 200)
    assert.include(composer.text, 'id="compose-form"')
    // Two parts registered, one failing: the other is shown once.
    const parts = composer.text.split(
      `Translations for a new alert of organisation ${organisation.id}.`
    )
    assert.lengthOf(parts, 2)
  })

  test('the composer slot receives what the sender typed, rendered as channels receive it', async ({
    assert,
    cleanup,
  }) => {
    await enableFixturePlugin(cleanup)
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    const sender = await signInStaff(await createStaff(organisation, 'sender'))
    const empty = await sender.get('/staff/alerts/new')
    assert.notInclude(empty.text, 'fixture-composer-alert', 'nothing typed, nothing rendered')
    // "Update the count" draws the composer again with what was typed, saving nothing.
    const counted = await sender.post('/staff/alerts', {
      'intent': 'count',
      'title': 'Road closed',
      'body': 'The **A15** is closed.',
      'priority': '4',
      'areaIds[]': [String(central.id)],
    })
    assert.equal(counted.status, 200)
    assert.include(
      counted.text,
      `Rendered: Road closed / The A15 is closed. / Urgent / ${organisation.name}`
    )
  })

  // --- Added with plugins/social ---
  test('an alert’s public <head> and its staff page show the plugin’s parts', async ({
    assert,
    cleanup,
  }) => {
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    const alert = await alertFor(organisation, [central], {
      title: 'Flooding on the river path',
      body: 'Keep off the path.',
    })
    await enableFixturePlugin(cleanup)
    const page = await new BrowserLikeSession().get(`/alerts/${alert.id}`)
    assert.include(
      page.text,
      `<meta name="fixture-alert" content="${alert.id} of ${organisation.name}: Keep off the path.">`
    )
    const sender = await signInStaff(await createStaff(organisation, 'sender'))
    assert.include(
      (await sender.get(`/staff/alerts/${alert.id}`)).text,
      `Alert ${alert.id} of organisation ${organisation.id}, seen by a sender.`
    )
  })

  test('the composer tells the plugin what its fields held once a draft is saved', async ({
    assert,
    cleanup,
  }) => {
    await enableFixturePlugin(cleanup)
    composerSaves.length = 0
    cleanup(() => {
      composerSaves.length = 0
    })
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    const sender = await signInStaff(await createStaff(organisation, 'sender'))
    const fields = {
      'title': 'Road closed',
      'body': 'The A15 is closed.',
      'priority': '3',
      'areaIds[]': [String(central.id)],
    }
    const saved = await sender.submit(
      '/staff/alerts/new',
      { ...fields, fixture_note: 'first' },
      { action: '/staff/alerts' }
    )
    const alertId = Number(/\/staff\/alerts\/(\d+)/.exec(saved.url)?.[1])
    await sender.submit(
      `/staff/alerts/${alertId}/edit`,
      { ...fields, fixture_note: 'second' },
      { action: `/staff/alerts/${alertId}` }
    )
    // "Update the count" saves nothing, so the plugin hears nothing.
    await sender.post(`/staff/alerts/${alertId}`, {
      ...fields,
      intent: 'count',
      fixture_note: 'unsaved',
    })
    assert.deepEqual(composerSaves, [
      { alertId, organisationId: organisation.id, note: 'first' },
      { alertId, organisationId: organisation.id, note: 'second' },
    ])
  })
})
