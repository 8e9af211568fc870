import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import AuditLog from '#models/platform/audit_log'
import Alert from '#models/messaging/alert'
import Resident from '#models/residents/resident'
import { sqlTime } from '#services/platform/infrastructure/sql_time'
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
import type Organisation from '#models/platform/organisation'
import { signInStaff } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'

async function sentAlert(organisation: Organisation, resident: Resident, title: string) {
  const alert = await Alert.create({
    organisationId: organisation.id,
    title,
    body: 'Body',
    priority: 2,
    status: 'sent',
    criteria: { areaIds: [] },
  })
  await db.table('deliveries').insert({
    alert_id: alert.id,
    resident_id: resident.id,
    channel: 'email',
    status: 'sent',
    attempts: 1,
    created_at: sqlTime(),
    updated_at: sqlTime(),
  })
}

/** The names in the residents table, in order. */
function listedNames(html: string) {
  return [
    ...html.matchAll(/<a class="govuk-link" href="\/staff\/residents\/\d+">([^<]+)<\/a>/g),
  ].map((match) => match[1])
}

test.group('Residents list: one organisation never sees another’s residents', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('a resident consenting only to another organisation is invisible in the list, in search and at their address', async ({
    assert,
  }) => {
    const { central } = await seedAreas()
    const police = await createOrganisation('Police')
    const fire = await createOrganisation('Fire')
    const ours = await createResident(central, [police], { name: 'Olive Ours' })
    await createResident(central, [police, fire], { name: 'Bea Both' })
    const theirs = await createResident(central, [fire], {
      name: 'Theo Theirs',
      email: 'theo.theirs@example.test',
      phone: '+447400999001',
    })
    const withdrawn = await createResident(central, [police], { name: 'Will Withdrawn' })
    await db.from('consents').where('resident_id', withdrawn.id).update({ withdrawn_at: sqlTime() })

    const admin = await createStaff(police, 'admin')
    const browser = await signInStaff(admin)
    const list = await browser.get('/staff/residents')
    assert.deepEqual(listedNames(list.text), ['Bea Both', 'Olive Ours'])
    assert.include(visibleText(list.text), '2 residents')

    for (const search of ['Theo', 'theo.theirs@example.test', '07400 999001', 'Will']) {
      const found = await browser.get(`/staff/residents?q=${encodeURIComponent(search)}`)
      assert.deepEqual(listedNames(found.text), [], `search for ${search}`)
      assert.include(visibleText(found.text), 'No resident matches')
    }

    for (const path of [
      `/staff/residents/${theirs.id}`,
      `/staff/residents/${theirs.id}/edit`,
      `/staff/residents/${withdrawn.id}`,
    ]) {
      const page = await browser.get(path)
      assert.equal(page.status, 404, path)
      assert.notInclude(page.text, 'Theo Theirs')
      assert.notInclude(page.text, 'Will Withdrawn')
    }
    await browser.get(`/staff/residents/${ours.id}/edit`)
    const update = await browser.post(`/staff/residents/${theirs.id}`, {
      name: 'Changed by police',
      email: 'theo.theirs@example.test',
      status: 'active',
    })
    assert.equal(update.status, 404)
    await theirs.refresh()
    assert.equal(theirs.name, 'Theo Theirs')
    assert.lengthOf(
      await AuditLog.query().where('subject_type', 'resident').where('subject_id', theirs.id),
      0,
      'nothing was recorded against the other organisation’s resident'
    )

    // The other organisation sees its own resident.
    const fireBrowser = await signInStaff(await createStaff(fire, 'sender'))
    const fireList = await fireBrowser.get('/staff/residents')
    assert.deepEqual(listedNames(fireList.text), ['Bea Both', 'Theo Theirs'])
  })
})

test.group('Residents list: search, filters and pages', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('search finds residents by name, email or phone number however it is typed', async ({
    assert,
  }) => {
    const { central } = await seedAreas()
    const police = await createOrganisation('Police')
    await createResident(central, [police], {
      name: 'Ada Lovelace',
      email: 'ada@analytical.example',
      phone: '+447400123456',
    })
    await createResident(central, [police], {
      name: 'Bob Landline',
      email: null,
      landline: '+441205311001',
    })
    await createResident(central, [police], {
      name: 'Carol Other',
      email: 'carol@elsewhere.example',
    })
    const browser = await signInStaff(await createStaff(police, 'sender'))

    const cases: [string, string[]][] = [
      ['ada', ['Ada Lovelace']],
      ['LOVELACE', ['Ada Lovelace']],
      ['analytical.example', ['Ada Lovelace']],
      ['07400 123456', ['Ada Lovelace']],
      ['+44 7400 123456', ['Ada Lovelace']],
      ['123456', ['Ada Lovelace']],
      ['01205 311001', ['Bob Landline']],
      ['nobody', []],
    ]
    for (const [search, names] of cases) {
      const page = await browser.get(`/staff/residents?q=${encodeURIComponent(search)}`)
      assert.deepEqual(listedNames(page.text), names, `search for “${search}”`)
    }
  })

  test('filters by area, status, how they signed up and contact details, and combines them', async ({
    assert,
  }) => {
    const { central, skirbeck, abbey, boston } = await seedAreas()
    const police = await createOrganisation('Police')
    await createResident(central, [police], { name: 'Central Active', phone: '+447400000001' })
    await createResident(skirbeck, [police], { name: 'Skirbeck Pending', status: 'pending' })
    await createResident(abbey, [police], {
      name: 'Abbey Imported',
      source: 'import',
      email: null,
      landline: '+441522000001',
    })
    await createResident(abbey, [police], {
      name: 'Abbey Left',
      status: 'unsubscribed',
      source: 'doorstep',
    })
    await createResident(central, [police], {
      name: 'Central Watch Member',
      status: 'pending',
      source: 'neighbourhood_watch',
      email: null,
    })
    const browser = await signInStaff(await createStaff(police, 'approver'))

    const cases: [string, string[]][] = [
      [`areaId=${central.id}`, ['Central Active', 'Central Watch Member']],
      [`areaId=${boston.id}`, ['Central Active', 'Central Watch Member', 'Skirbeck Pending']],
      [`areaId=${abbey.id}`, ['Abbey Imported', 'Abbey Left']],
      ['status=pending', ['Central Watch Member', 'Skirbeck Pending']],
      ['status=unsubscribed', ['Abbey Left']],
      ['status=erased', []],
      ['source=import', ['Abbey Imported']],
      ['source=doorstep', ['Abbey Left']],
      ['source=neighbourhood_watch', ['Central Watch Member']],
      ['channel=mobile', ['Central Active']],
      ['channel=landline', ['Abbey Imported']],
      ['channel=email', ['Abbey Left', 'Central Active', 'Skirbeck Pending']],
      [`areaId=${abbey.id}&status=active`, ['Abbey Imported']],
      [`q=abbey&source=doorstep`, ['Abbey Left']],
      // What an empty "any" choice in the form sends.
      [
        'q=&areaId=&status=&source=&channel=',
        [
          'Abbey Imported',
          'Abbey Left',
          'Central Active',
          'Central Watch Member',
          'Skirbeck Pending',
        ],
      ],
    ]
    for (const [query, names] of cases) {
      const page = await browser.get(`/staff/residents?${query}`)
      assert.equal(page.status, 200, query)
      assert.deepEqual(listedNames(page.text), names, query)
    }

    const members = await browser.get('/staff/residents?source=neighbourhood_watch')
    assert.include(visibleText(members.text), 'From the Neighbourhood Watch register')

    const chosen = await browser.get(`/staff/residents?status=pending&areaId=${skirbeck.id}`)
    assert.match(chosen.text, /<option value="pending" selected>/)
    assert.match(chosen.text, new RegExp(`<option value="${skirbeck.id}" selected>`))
    assert.include(visibleText(chosen.text), 'Clear filters')
  })

  test('a filter value the form cannot send is ignored with a note, not an error', async ({
    assert,
  }) => {
    const { central } = await seedAreas()
    const police = await createOrganisation('Police')
    await createResident(central, [police], { name: 'Olive Ours' })
    const browser = await signInStaff(await createStaff(police, 'sender'))
    for (const query of ['status=bogus', 'areaId=abc', 'channel=fax', 'page=-1']) {
      const page = await browser.get(`/staff/residents?${query}`)
      assert.equal(page.status, 200, query)
      assert.include(visibleText(page.text), 'A filter in the page address was not recognised')
      assert.deepEqual(listedNames(page.text), ['Olive Ours'])
    }
  })

  test('the list comes in pages of 25 that keep the filters', async ({ assert }) => {
    const { central, abbey } = await seedAreas()
    const police = await createOrganisation('Police')
    for (let index = 1; index <= 30; index++) {
      await createResident(central, [police], {
        name: `Resident ${String(index).padStart(2, '0')}`,
      })
    }
    await createResident(abbey, [police], { name: 'Elsewhere' })
    const browser = await signInStaff(await createStaff(police, 'sender'))

    const first = await browser.get(`/staff/residents?areaId=${central.id}`)
    assert.lengthOf(listedNames(first.text), 25)
    assert.equal(listedNames(first.text)[0], 'Resident 01')
    assert.include(visibleText(first.text), '30 residents match these filters')
    const next = first.text.match(/href="([^"]+)" rel="next"/)?.[1]
    assert.exists(next, 'a link to the next page')
    assert.include(next!.replaceAll('&amp;', '&'), `areaId=${central.id}`)

    const second = await browser.get(next!.replaceAll('&amp;', '&'))
    assert.deepEqual(listedNames(second.text), [
      'Resident 26',
      'Resident 27',
      'Resident 28',
      'Resident 29',
      'Resident 30',
    ])
  })

  test('with no residents the page says what to do next, for admins and for others', async ({
    assert,
  }) => {
    await seedAreas()
    const police = await createOrganisation('Police')
    const admin = await signInStaff(await createStaff(police, 'admin'))
    const adminPage = visibleText((await admin.get('/staff/residents')).text)
    assert.include(adminPage, 'No resident has agreed to hear from Police yet')
    assert.include(adminPage, 'import residents from a CSV file')
    assert.include(adminPage, 'signed up themselves at the sign-up page')

    const sender = await signInStaff(await createStaff(police, 'sender'))
    const senderPage = await sender.get('/staff/residents')
    assert.include(visibleText(senderPage.text), 'by an administrator of Police')
    assert.notInclude(senderPage.text, 'href="/staff/residents/import"')
  })

  test('senders and approvers may see residents; officers and analysts may not', async ({
    assert,
  }) => {
    const { central } = await seedAreas()
    const police = await createOrganisation('Police')
    const resident = await createResident(central, [police], { name: 'Olive Ours' })
    for (const role of ['sender', 'approver', 'admin'] as const) {
      const browser = await signInStaff(await createStaff(police, role))
      assert.equal((await browser.get('/staff/residents')).status, 200, role)
      assert.equal((await browser.get(`/staff/residents/${resident.id}`)).status, 200, role)
    }
    for (const role of ['officer', 'analyst'] as const) {
      const browser = await signInStaff(await createStaff(police, role))
      for (const path of ['/staff/residents', `/staff/residents/${resident.id}`]) {
        const page = await browser.get(path)
        assert.equal(page.status, 403, `${role} at ${path}`)
        assert.include(page.text, 'You cannot see this page')
        assert.notInclude(page.text, 'Olive Ours')
      }
    }
    // Each permitted role listed the residents and opened one (both audited); refusals record nothing.
    assert.equal(
      await countRows('audit_logs'),
      6,
      'only the permitted lists and views were recorded'
    )
  })
})

test.group('Resident page', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('shows contacts, areas, status, how they signed up, the ticks, interests, schemes, consent and alerts received', async ({
    assert,
  }) => {
    const { central } = await seedAreas()
    const police = await createOrganisation('Police')
    const fire = await createOrganisation('Fire')
    const officer = await createStaff(police, 'officer')
    const resident = await createResident(central, [police, fire], {
      name: 'Ada Lovelace',
      email: 'ada@example.test',
      phone: '+447400123456',
      landline: '+441205311001',
      postcode: 'PE21 8QR',
      source: 'doorstep',
      registeredByUserId: officer.id,
      knownToOfficer: true,
      communityInfluencer: false,
    })
    await chooseInterests(resident, [
      await createInterest('Burglary', 1),
      await createInterest('Rural crime', 2),
    ])
    await joinSchemes(resident, [await createScheme('Central Farm Watch', 'farm_watch', central)])
    await sentAlert(police, resident, 'First police alert')
    await sentAlert(police, resident, 'Second police alert')
    await sentAlert(fire, resident, 'A fire alert, not counted for the police')

    const browser = await signInStaff(await createStaff(police, 'sender'))
    const page = visibleText((await browser.get(`/staff/residents/${resident.id}`)).text)
    assert.include(page, 'ada@example.test')
    assert.include(page, 'Mobile 07400 123456')
    assert.include(page, 'Landline 01205 311001')
    assert.include(page, 'Postcode PE21 8QR')
    assert.include(page, 'Areas Central (ward), Boston (district)')
    assert.include(page, 'Status Active')
    assert.include(page, 'Signed up on the doorstep by Test officer')
    assert.include(page, 'Agreed to hear from Police on')
    assert.notInclude(page, 'Agreed to hear from Fire')
    assert.include(page, 'Alerts received 2')
    assert.include(page, 'Known to an officer Yes')
    assert.include(page, 'Community influencer No')
    assert.include(page, 'Interests Burglary, Rural crime')
    assert.include(page, 'Central Farm Watch (Farm Watch, Central)')
    assert.notInclude(page, 'Edit details', 'a sender cannot edit')
  })

  test('listing and searching residents is audited: who, what for, which page, not each resident', async ({
    assert,
  }) => {
    const { central } = await seedAreas()
    const police = await createOrganisation('Police')
    for (const name of ['Ada Lovelace', 'Ada Byron', 'Charles Babbage']) {
      await createResident(central, [police], { name })
    }
    const sender = await createStaff(police, 'sender')
    const browser = await signInStaff(sender)

    await browser.get('/staff/residents')
    await browser.get(`/staff/residents?q=Ada&status=active&areaId=${central.id}&page=1`)

    const entries = await AuditLog.query()
      .whereIn('action', ['residents.listed', 'residents.searched'])
      .orderBy('id')
    assert.lengthOf(entries, 2, 'one entry a page, not one a resident shown')
    assert.equal(entries[0].action, 'residents.listed')
    assert.equal(entries[0].userId, sender.id)
    assert.equal(entries[0].organisationId, police.id)
    assert.deepEqual(entries[0].details, { page: 1, found: 3 })
    assert.equal(entries[1].action, 'residents.searched')
    assert.deepEqual(entries[1].details, {
      q: 'Ada',
      status: 'active',
      areaId: central.id,
      page: 1,
      found: 2,
    })
  })

  test('opening the page is written to the audit log and shown in its history', async ({
    assert,
  }) => {
    const { central } = await seedAreas()
    const police = await createOrganisation('Police')
    const resident = await createResident(central, [police], { name: 'Ada Lovelace' })
    const sender = await createStaff(police, 'sender')
    const browser = await signInStaff(sender)
    await browser.get(`/staff/residents/${resident.id}`)
    const page = await browser.get(`/staff/residents/${resident.id}`)

    const entries = await AuditLog.query()
      .where('action', 'resident.viewed')
      .where('subject_id', resident.id)
    assert.lengthOf(entries, 2)
    assert.equal(entries[0].userId, sender.id)
    assert.equal(entries[0].organisationId, police.id)
    assert.equal(entries[0].subjectType, 'resident')
    const history = visibleText(page.text.slice(page.text.indexOf('id="history"')))
    assert.equal(history.match(/Test sender Viewed the resident’s details/g)?.length, 2)
  })
})

test.group('Editing a resident', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  // Contacts used to change at once; now they wait for the resident (resident_contact_changes.spec.ts).
  test('an admin changes the details; the change is audited with old and new values and shown in the history', async ({
    assert,
  }) => {
    const { central } = await seedAreas()
    const police = await createOrganisation('Police')
    const resident = await createResident(central, [police], {
      name: 'Ada Lovelace',
      email: 'ada@example.test',
    })
    const admin = await createStaff(police, 'admin')
    const browser = await signInStaff(admin)
    const form = await browser.get(`/staff/residents/${resident.id}/edit`)
    assert.include(form.text, 'value="Ada Lovelace"')
    assert.include(form.text, 'value="ada@example.test"')

    const saved = await browser.post(`/staff/residents/${resident.id}`, {
      name: 'Ada King',
      email: 'ADA.KING@example.test',
      phone: '07400 123456',
      landline: '(01205) 311 001',
      status: 'unsubscribed',
      knownToOfficer: 'true',
    })
    assert.include(saved.text, 'The resident’s details have been saved.')
    await resident.refresh()
    assert.equal(resident.name, 'Ada King')
    // New contacts wait for the resident to confirm them; the old ones stay in use.
    assert.equal(resident.email, 'ada@example.test')
    assert.isNull(resident.phone)
    assert.isNull(resident.landline)
    const shownContacts = visibleText(saved.text)
    assert.include(shownContacts, 'Pending confirmation: ada.king@example.test')
    assert.include(shownContacts, 'Pending confirmation: 07400 123456')
    assert.include(shownContacts, 'Pending confirmation: 01205 311001')
    assert.equal(resident.status, 'unsubscribed')
    assert.isNotNull(resident.unsubscribedAt)
    assert.isTrue(resident.knownToOfficer)
    assert.isFalse(resident.communityInfluencer)

    const entry = await AuditLog.query().where('action', 'resident.updated').firstOrFail()
    assert.equal(entry.userId, admin.id)
    assert.equal(entry.organisationId, police.id)
    assert.equal(entry.subjectId, resident.id)
    assert.deepEqual(entry.details, {
      changes: {
        name: { from: 'Ada Lovelace', to: 'Ada King' },
        email: { from: 'ada@example.test', to: 'ada.king@example.test', pending: true },
        phone: { from: null, to: '+447400123456', pending: true },
        landline: { from: null, to: '+441205311001', pending: true },
        status: { from: 'active', to: 'unsubscribed' },
        knownToOfficer: { from: false, to: true },
      },
    })

    const history = visibleText(saved.text.slice(saved.text.indexOf('id="history"')))
    assert.include(history, 'Test admin Changed the resident’s details')
    assert.include(
      history,
      'Email address: ada@example.test → ada.king@example.test (waiting for the resident to confirm)'
    )
    assert.include(history, 'Mobile: (none) → +447400123456 (waiting for the resident to confirm)')
    assert.include(history, 'Known to an officer: No → Yes')

    const again = await browser.post(`/staff/residents/${resident.id}`, {
      name: 'Ada King',
      email: 'ada@example.test',
      status: 'unsubscribed',
      knownToOfficer: 'true',
    })
    assert.include(again.text, 'Nothing was changed.')
    assert.lengthOf(await AuditLog.query().where('action', 'resident.updated'), 1)
  })

  test('every bad answer is explained beside its field, the answers are kept, and nothing is saved', async ({
    assert,
  }) => {
    const { central } = await seedAreas()
    const police = await createOrganisation('Police')
    const resident = await createResident(central, [police], {
      name: 'Ada Lovelace',
      email: 'ada@example.test',
    })
    const browser = await signInStaff(await createStaff(police, 'admin'))
    const edit = `/staff/residents/${resident.id}/edit`
    const action = { action: `/staff/residents/${resident.id}` }

    const cases: [Record<string, unknown>, string[]][] = [
      [
        { name: '', email: '', phone: '', landline: '', status: 'active' },
        [
          'Enter the resident’s name',
          // Ada has an email address, and only she may remove it.
          'Only the resident can remove their email address. To stop emails, stop their alerts.',
        ],
      ],
      [
        { name: 'A'.repeat(101), email: 'not-an-email', status: 'active' },
        [
          'The name must be 100 characters or fewer',
          'Enter an email address in the correct format, like name@example.com',
        ],
      ],
      [
        {
          name: 'Ada',
          email: 'ada@example.test',
          phone: '12345',
          landline: 'call me',
          status: 'active',
        },
        [
          'Enter a UK mobile number, starting 07 or +44 7',
          'Enter a UK landline number with its area code',
        ],
      ],
      [
        {
          name: 'Ada',
          email: 'ada@example.test',
          phone: '01205 311001',
          landline: '07400 123456',
          status: 'active',
        },
        [
          'This is a landline number. Enter a mobile number, starting 07, or put it in the landline box',
          'This is a mobile number. Enter a landline number with its area code, or put it in the mobile box',
        ],
      ],
      [
        { name: 'Ada', email: 'ada@example.test', status: 'erased' },
        ['Choose a status from the list'],
      ],
      [{ name: 'Ada', email: 'ada@example.test' }, ['Choose a status from the list']],
    ]
    for (const [fields, messages] of cases) {
      const page = await browser.submit(edit, fields, action)
      const text = visibleText(page.text)
      assert.include(text, 'There is a problem')
      for (const message of messages) {
        assert.include(text, `Error: ${message}`, JSON.stringify(fields))
      }
    }
    const kept = await browser.submit(
      edit,
      { name: 'Kept Name', email: 'not-an-email', phone: '07400 123456', status: 'unsubscribed' },
      action
    )
    assert.include(kept.text, 'value="Kept Name"')
    assert.include(kept.text, 'value="not-an-email"')
    assert.include(kept.text, 'value="07400 123456"')
    assert.match(kept.text, /value="unsubscribed" checked/)

    await resident.refresh()
    assert.equal(resident.name, 'Ada Lovelace')
    assert.equal(resident.email, 'ada@example.test')
    assert.lengthOf(await AuditLog.query().where('action', 'resident.updated'), 0)
  })

  test('an email address or mobile already used by another resident is refused, whoever they signed up with', async ({
    assert,
  }) => {
    const { central } = await seedAreas()
    const police = await createOrganisation('Police')
    const fire = await createOrganisation('Fire')
    const resident = await createResident(central, [police], { email: 'ada@example.test' })
    await createResident(central, [fire], { email: 'taken@example.test', phone: '+447400123456' })
    const browser = await signInStaff(await createStaff(police, 'admin'))
    const page = await browser.submit(
      `/staff/residents/${resident.id}/edit`,
      { name: 'Ada', email: 'Taken@Example.test', phone: '07400 123456', status: 'active' },
      { action: `/staff/residents/${resident.id}` }
    )
    assert.include(page.text, 'Another resident already uses this email address')
    assert.include(page.text, 'Another resident already uses this mobile number')
    await resident.refresh()
    assert.equal(resident.email, 'ada@example.test')

    const ownEmail = await browser.submit(
      `/staff/residents/${resident.id}/edit`,
      { name: 'Ada', email: 'ada@example.test', status: 'active' },
      { action: `/staff/residents/${resident.id}` }
    )
    assert.include(ownEmail.text, 'The resident’s details have been saved.')
  })

  test('only admins may edit', async ({ assert }) => {
    const { central } = await seedAreas()
    const police = await createOrganisation('Police')
    const resident = await createResident(central, [police], { name: 'Ada Lovelace' })
    for (const role of ['sender', 'approver', 'officer', 'analyst'] as const) {
      const browser = await signInStaff(await createStaff(police, role))
      const form = await browser.get(`/staff/residents/${resident.id}/edit`)
      assert.equal(form.status, 403, role)
      const save = await browser.post(`/staff/residents/${resident.id}`, {
        name: 'Changed',
        email: 'changed@example.test',
        status: 'active',
      })
      assert.equal(save.status, 403, role)
    }
    await resident.refresh()
    assert.equal(resident.name, 'Ada Lovelace')

    const admin = await signInStaff(await createStaff(police, 'admin'))
    assert.include((await admin.get(`/staff/residents/${resident.id}`)).text, 'Edit details')
  })

  test('an erased resident cannot be edited', async ({ assert }) => {
    const { central } = await seedAreas()
    const police = await createOrganisation('Police')
    const resident = await createResident(central, [police], {
      name: 'Erased resident',
      email: null,
      status: 'erased',
    })
    const browser = await signInStaff(await createStaff(police, 'admin'))
    assert.notInclude((await browser.get(`/staff/residents/${resident.id}`)).text, 'Edit details')
    const page = await browser.submit(
      `/staff/residents/${resident.id}/edit`,
      { name: 'Back again', email: 'back@example.test', status: 'active' },
      { action: `/staff/residents/${resident.id}` }
    )
    assert.include(page.text, 'personal data has been erased, so there is nothing to edit')
    const stored = await Resident.findOrFail(resident.id)
    assert.equal(stored.name, 'Erased resident')
    assert.equal(stored.status, 'erased')
  })
})
