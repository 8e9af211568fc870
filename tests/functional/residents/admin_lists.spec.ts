import { test } from '@japa/runner'
import AuditLog from '#models/platform/audit_log'
import Interest from '#models/residents/interest'
import Scheme from '#models/residents/scheme'
import {
  DEFAULT_INTERESTS,
  seedDefaultInterests,
} from '#services/residents/lists/default_interests'
import {
  countRows,
  createOrganisation,
  createResident,
  createStaff,
  seedAreas,
} from '#tests/helpers/fixtures'
import {
  chooseInterests,
  createInterest,
  createScheme,
  joinSchemes,
  visibleText,
} from '#tests/helpers/resident_fixtures'
import { signInStaff } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'

test.group('Interests and schemes: who may manage them', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('only install admins reach the lists and their forms; no organisation role changes anything', async ({
    assert,
  }) => {
    const police = await createOrganisation('Police')
    const interest = await createInterest('Burglary')
    const scheme = await createScheme('Town Watch', 'neighbourhood_watch')
    // Even an organisation's admin: the lists are shared by every organisation.
    for (const role of ['admin', 'sender', 'approver', 'officer', 'analyst'] as const) {
      const browser = await signInStaff(await createStaff(police, role))
      for (const path of [
        '/staff/settings/lists',
        '/staff/settings/lists/interests/new',
        `/staff/settings/lists/interests/${interest.id}/edit`,
        `/staff/settings/lists/interests/${interest.id}/delete`,
        '/staff/settings/lists/schemes/new',
        `/staff/settings/lists/schemes/${scheme.id}/delete`,
      ]) {
        assert.equal((await browser.get(path)).status, 403, `${role} at ${path}`)
      }
      for (const [path, fields] of [
        ['/staff/settings/lists/interests', { name: 'Sneaky' }],
        [`/staff/settings/lists/interests/${interest.id}`, { name: 'Renamed' }],
        [`/staff/settings/lists/interests/${interest.id}/delete`, {}],
        ['/staff/settings/lists/schemes', { name: 'Sneaky', kind: 'farm_watch' }],
        [`/staff/settings/lists/schemes/${scheme.id}/delete`, {}],
      ] as const) {
        assert.equal((await browser.post(path, fields)).status, 403, `${role} posting ${path}`)
      }
    }
    assert.deepEqual(
      (await Interest.all()).map((row) => row.name),
      ['Burglary']
    )
    assert.deepEqual(
      (await Scheme.all()).map((row) => row.name),
      ['Town Watch']
    )

    const admin = await signInStaff(await createStaff(police, 'admin', { installAdmin: true }))
    const page = await admin.get('/staff/settings/lists')
    assert.equal(page.status, 200)
    assert.include(visibleText(page.text), 'Burglary')
    assert.include(visibleText(page.text), 'Town Watch Neighbourhood Watch Anywhere')
  })
})

test.group('Interests', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('an install admin adds, renames and deletes an interest; deleting first says how many residents lose it', async ({
    assert,
  }) => {
    const { central } = await seedAreas()
    const police = await createOrganisation('Police')
    const admin = await createStaff(police, 'admin', { installAdmin: true })
    const browser = await signInStaff(admin)

    const added = await browser.submit(
      '/staff/settings/lists/interests/new',
      {
        name: 'Fraud & scams',
        description: 'Doorstep and phone scams.',
      },
      { action: '/staff/settings/lists/interests' }
    )
    assert.include(added.text, '“Fraud &amp; scams” has been added to the interests.')
    const interest = await Interest.findByOrFail('name', 'Fraud & scams')
    assert.equal(interest.slug, 'fraud-scams')
    assert.equal(interest.position, 1)

    const second = await browser.submit(
      '/staff/settings/lists/interests/new',
      { name: 'Burglary' },
      {
        action: '/staff/settings/lists/interests',
      }
    )
    assert.include(visibleText(second.text), 'Fraud & scams Doorstep and phone scams. 0')
    assert.equal((await Interest.findByOrFail('name', 'Burglary')).position, 2, 'added last')

    const form = await browser.get(`/staff/settings/lists/interests/${interest.id}/edit`)
    assert.include(form.text, 'value="Fraud &amp; scams"')
    const renamed = await browser.post(`/staff/settings/lists/interests/${interest.id}`, {
      name: 'Fraud and scams',
      description: '',
      position: '5',
    })
    assert.include(renamed.text, '“Fraud and scams” has been saved.')
    await interest.refresh()
    assert.equal(interest.name, 'Fraud and scams')
    assert.equal(interest.slug, 'fraud-scams', 'the slug stays, so references keep working')
    assert.isNull(interest.description)
    assert.equal(interest.position, 5)

    await chooseInterests(await createResident(central, [police]), [interest])
    await chooseInterests(await createResident(central, [police]), [interest])
    const confirm = await browser.get(`/staff/settings/lists/interests/${interest.id}/delete`)
    assert.include(visibleText(confirm.text), 'Delete the interest “Fraud and scams”?')
    assert.include(
      visibleText(confirm.text),
      '2 residents have chosen this interest. They will lose it'
    )
    assert.exists(await Interest.find(interest.id), 'the confirmation page deletes nothing')

    const deleted = await browser.post(`/staff/settings/lists/interests/${interest.id}/delete`)
    assert.include(deleted.text, '“Fraud and scams” has been deleted.')
    assert.isNull(await Interest.find(interest.id))
    assert.equal(await countRows('resident_interests'), 0)
    assert.equal(await countRows('residents'), 2, 'residents stay; only their choice goes')

    const actions = (await AuditLog.query().where('subject_type', 'interest').orderBy('id')).map(
      (entry) => [entry.action, entry.userId]
    )
    assert.deepEqual(actions, [
      ['interest.created', admin.id],
      ['interest.created', admin.id],
      ['interest.updated', admin.id],
      ['interest.deleted', admin.id],
    ])
    const deletion = await AuditLog.findByOrFail('action', 'interest.deleted')
    assert.deepEqual(deletion.details, { name: 'Fraud and scams', residentsWhoLostIt: 2 })
  })

  test('an unused interest says no resident has chosen it', async ({ assert }) => {
    const police = await createOrganisation('Police')
    const interest = await createInterest('Burglary')
    const browser = await signInStaff(await createStaff(police, 'admin', { installAdmin: true }))
    const confirm = await browser.get(`/staff/settings/lists/interests/${interest.id}/delete`)
    assert.include(visibleText(confirm.text), 'No resident has chosen this interest.')
  })

  test('every bad answer is explained and nothing is saved', async ({ assert }) => {
    const police = await createOrganisation('Police')
    const existing = await createInterest('Burglary')
    const browser = await signInStaff(await createStaff(police, 'admin', { installAdmin: true }))
    const cases: [Record<string, unknown>, string[]][] = [
      [{ name: '' }, ['Enter the name of the interest']],
      [
        { name: 'N'.repeat(81), description: 'D'.repeat(301), position: 'first' },
        [
          'The name must be 80 characters or fewer',
          'The description must be 300 characters or fewer',
          'Enter the position as a whole number from 0 to 9999',
        ],
      ],
      [{ name: 'BURGLARY' }, ['There is already an interest with this name']],
      [{ name: 'Fine', position: '-1' }, ['Enter the position as a whole number from 0 to 9999']],
    ]
    for (const [fields, messages] of cases) {
      const page = await browser.submit('/staff/settings/lists/interests/new', fields, {
        action: '/staff/settings/lists/interests',
      })
      for (const message of messages) {
        assert.include(visibleText(page.text), `Error: ${message}`, JSON.stringify(fields))
      }
    }
    assert.equal(await countRows('interests'), 1)

    const own = await browser.submit(
      `/staff/settings/lists/interests/${existing.id}/edit`,
      { name: 'burglary' },
      { action: `/staff/settings/lists/interests/${existing.id}` }
    )
    assert.include(own.text, 'has been saved', 'an interest may keep its own name')
  })

  test('a missing interest answers not found', async ({ assert }) => {
    const police = await createOrganisation('Police')
    const browser = await signInStaff(await createStaff(police, 'admin', { installAdmin: true }))
    assert.equal((await browser.get('/staff/settings/lists/interests/999999/edit')).status, 404)
    assert.equal((await browser.post('/staff/settings/lists/interests/999999/delete')).status, 404)
  })

  test('the default interests are added once, and leave an admin’s changes alone', async ({
    assert,
  }) => {
    await seedDefaultInterests()
    const names = (await Interest.query().orderBy('position')).map((interest) => interest.name)
    assert.deepEqual(names, [
      'Burglary',
      'Fraud and scams',
      'Rural crime',
      'Road safety',
      'Fire safety',
      'Anti-social behaviour',
      'Cyber crime',
      'Missing people',
    ])
    const burglary = await Interest.findByOrFail('slug', 'burglary')
    burglary.name = 'Burglary and theft'
    await burglary.save()
    await (await Interest.findByOrFail('slug', 'missing-people')).delete()

    await seedDefaultInterests()
    assert.equal(await countRows('interests'), DEFAULT_INTERESTS.length)
    assert.equal((await Interest.findByOrFail('slug', 'burglary')).name, 'Burglary and theft')
  })
})

test.group('Watch schemes', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('an install admin adds a scheme tied to an area, changes it, and deletes it after seeing how many members lose it', async ({
    assert,
  }) => {
    const { central, abbey } = await seedAreas()
    const police = await createOrganisation('Police')
    const admin = await createStaff(police, 'admin', { installAdmin: true })
    const browser = await signInStaff(admin)

    const form = await browser.get('/staff/settings/lists/schemes/new')
    assert.include(visibleText(form.text), 'Farm Watch')
    assert.include(form.text, `<option value="${central.id}"`)
    const added = await browser.post('/staff/settings/lists/schemes', {
      name: 'Central Farm Watch',
      kind: 'farm_watch',
      areaId: String(central.id),
    })
    assert.include(added.text, '“Central Farm Watch” has been added to the schemes.')
    assert.include(visibleText(added.text), 'Central Farm Watch Farm Watch Central 0')
    const scheme = await Scheme.findByOrFail('name', 'Central Farm Watch')
    assert.equal(scheme.areaId, central.id)

    const edit = await browser.get(`/staff/settings/lists/schemes/${scheme.id}/edit`)
    assert.match(edit.text, /value="farm_watch" checked/)
    assert.match(edit.text, new RegExp(`<option value="${central.id}" selected>`))
    await browser.post(`/staff/settings/lists/schemes/${scheme.id}`, {
      name: 'Abbey Horse Watch',
      kind: 'horse_watch',
      areaId: String(abbey.id),
    })
    await scheme.refresh()
    assert.equal(scheme.name, 'Abbey Horse Watch')
    assert.equal(scheme.kind, 'horse_watch')
    assert.equal(scheme.areaId, abbey.id)
    await browser.post(`/staff/settings/lists/schemes/${scheme.id}`, {
      name: 'Abbey Horse Watch',
      kind: 'horse_watch',
      areaId: '',
    })
    await scheme.refresh()
    assert.isNull(scheme.areaId, 'the area can be removed')

    await joinSchemes(await createResident(abbey, [police]), [scheme])
    const confirm = await browser.get(`/staff/settings/lists/schemes/${scheme.id}/delete`)
    assert.include(
      visibleText(confirm.text),
      '1 resident has joined this scheme. They will lose it'
    )
    const deleted = await browser.post(`/staff/settings/lists/schemes/${scheme.id}/delete`)
    assert.include(deleted.text, '“Abbey Horse Watch” has been deleted.')
    assert.equal(await countRows('schemes'), 0)
    assert.equal(await countRows('scheme_members'), 0)
    assert.deepEqual(
      (await AuditLog.query().where('subject_type', 'scheme').orderBy('id')).map(
        (entry) => entry.action
      ),
      ['scheme.created', 'scheme.updated', 'scheme.updated', 'scheme.deleted']
    )
  })

  test('every bad answer is explained and nothing is saved', async ({ assert }) => {
    await seedAreas()
    const police = await createOrganisation('Police')
    await createScheme('Town Watch', 'neighbourhood_watch')
    const browser = await signInStaff(await createStaff(police, 'admin', { installAdmin: true }))
    const cases: [Record<string, unknown>, string[]][] = [
      [{}, ['Enter the name of the scheme', 'Choose the kind of scheme']],
      [
        { name: 'S'.repeat(121), kind: 'cat_watch', areaId: '999999' },
        [
          'The name must be 120 characters or fewer',
          'Choose the kind of scheme from the list',
          'Choose the area from the list',
        ],
      ],
      [
        { name: 'town watch', kind: 'neighbourhood_watch' },
        ['There is already a scheme of this kind with this name'],
      ],
    ]
    for (const [fields, messages] of cases) {
      const page = await browser.submit('/staff/settings/lists/schemes/new', fields, {
        action: '/staff/settings/lists/schemes',
      })
      for (const message of messages) {
        assert.include(visibleText(page.text), `Error: ${message}`, JSON.stringify(fields))
      }
    }
    assert.equal(await countRows('schemes'), 1)

    const otherKind = await browser.submit(
      '/staff/settings/lists/schemes/new',
      { name: 'Town Watch', kind: 'business_watch' },
      { action: '/staff/settings/lists/schemes' }
    )
    assert.include(otherKind.text, 'has been added', 'the same name may be used for another kind')
  })
})
