import { test } from '@japa/runner'
import SiteSettings from '#services/platform/site/site_settings'
import { BrowserLikeSession } from '#tests/helpers/http'
import { createOrganisation, createResident, createStaff, seedAreas } from '#tests/helpers/fixtures'
import { signInStaff } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'

/** Each item of the dashboard's checklist with its state, as a reader hears them. */
function checklistOf(html: string) {
  return [
    ...html.matchAll(/data-item="(\w+)"[\s\S]*?govuk-task-list__status[^>]*>([\s\S]*?)<\/div>/g),
  ].map((match) => `${match[1]}: ${match[2].replace(/<[^>]+>/g, '').trim()}`)
}

test.group('A new install with nothing in it yet', (group) => {
  group.each.setup(() => emptyTablesAfterwards())
  group.each.setup(() => () => SiteSettings.forget())

  test('staff see what to do next, each step with its state and a link, until the install is in use', async ({
    assert,
  }) => {
    const police = await createOrganisation('Kent Police')
    const staff = await signInStaff(await createStaff(police, 'admin', { installAdmin: true }))

    const empty = await staff.get('/staff')
    assert.include(empty.text, 'Before residents can sign up')
    assert.deepEqual(checklistOf(empty.text), [
      'boundaries: Not done',
      'postcodes: Not done',
      'staff: Not done',
      'privacy: Not done',
    ])
    assert.include(empty.text, 'href="/staff/settings/areas"')
    assert.include(empty.text, 'node ace areas:import FILE')
    assert.include(empty.text, 'node ace postcodes:import FILE')
    assert.include(empty.text, 'href="/staff/team"')
    assert.include(empty.text, 'href="/staff/settings/site"')

    const { central } = await seedAreas()
    await createStaff(police, 'sender')
    await staff.submit('/staff/settings/site', {
      serviceName: 'Kent Community Alert',
      privacyNotice: 'Our own privacy notice.',
    })
    assert.deepEqual(checklistOf((await staff.get('/staff')).text), [
      'boundaries: Done',
      'postcodes: Not done',
      'staff: Done',
      'privacy: Done',
    ])

    await createResident(central, [police])
    const inUse = await staff.get('/staff')
    assert.notInclude(inUse.text, 'Before residents can sign up')
    assert.lengthOf(checklistOf(inUse.text), 0)
  })

  test('staff who may not do a step are told whom to ask, without a link they could not open', async ({
    assert,
  }) => {
    const police = await createOrganisation('Kent Police')
    const admin = await signInStaff(await createStaff(police, 'admin'))
    const sender = await signInStaff(await createStaff(police, 'sender'))

    const adminPage = await admin.get('/staff')
    assert.include(
      adminPage.text,
      'Ask an install admin to import the boundaries of your districts and wards'
    )
    assert.include(adminPage.text, 'Ask an install admin to import postcodes')
    assert.include(adminPage.text, 'Ask an install admin to write your privacy notice')
    assert.notInclude(adminPage.text, 'href="/staff/settings/areas"')
    assert.notInclude(adminPage.text, 'href="/staff/settings/site"')
    assert.include(adminPage.text, 'href="/staff/team"')
    assert.equal((await admin.get('/staff/team')).status, 200)

    const senderPage = await sender.get('/staff')
    assert.deepEqual(checklistOf(senderPage.text), [
      'boundaries: Not done',
      'postcodes: Not done',
      'staff: Done',
      'privacy: Not done',
    ])
    assert.include(senderPage.text, 'Ask an admin of Kent Police to invite your staff')
    for (const path of ['/staff/settings/areas', '/staff/settings/site', '/staff/team']) {
      assert.notInclude(senderPage.text, `href="${path}"`, path)
      assert.equal((await sender.get(path)).status, 403, path)
    }
  })

  test('the public sign-up says registration opens soon until boundaries are imported, then shows the form', async ({
    assert,
  }) => {
    const visitor = new BrowserLikeSession()
    const soon = await visitor.get('/sign-up')
    assert.equal(soon.status, 200)
    assert.include(soon.text, 'Registration opens soon')
    assert.include(
      soon.text,
      'Community alerts is being set up, and you cannot sign up for alerts yet.'
    )
    assert.notInclude(soon.text, '<form method="POST" action="/sign-up/postcode"')
    // The other ways in lead to the same page, not to an empty list or map.
    for (const path of ['/sign-up/ward', '/sign-up/map']) {
      assert.include((await visitor.get(path)).text, 'Registration opens soon', path)
    }

    await seedAreas()
    const open = await visitor.get('/sign-up')
    assert.notInclude(open.text, 'Registration opens soon')
    assert.include(open.text, '<form method="POST" action="/sign-up/postcode"')
  })
})
