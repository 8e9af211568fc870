import { test } from '@japa/runner'
import AuditLog from '#models/platform/audit_log'
import Resident from '#models/residents/resident'
import { BrowserLikeSession } from '#tests/helpers/http'
import { smtpSink } from '#tests/helpers/smtp_sink'
import {
  countRows,
  createOrganisation,
  createResident,
  createStaff,
  uniqueEmail,
} from '#tests/helpers/fixtures'
import {
  answerUpToCheck,
  POINTS,
  seedMappedAreas,
  seedPostcodes,
  skipOptionalQuestions,
} from '#tests/helpers/sign_up_fixtures'
import { signInStaff } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'

const CLICK_THE_MAP = 'Click the map where you live, then continue'

async function placedBy(resident: Resident) {
  await resident.load('areas')
  return resident.areas.map((area) => area.name).sort()
}

test.group('Sign-up: answers that are refused', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('a malformed email address is explained beside the field and nothing is saved', async ({
    assert,
  }) => {
    const { central } = await seedMappedAreas()
    for (const email of ['not-an-email', 'ada@', 'ada lovelace@example.com', '@example.com']) {
      const page = await answerUpToCheck(new BrowserLikeSession(), central, { name: 'Ada', email })
      assert.include(page.text, 'There is a problem', email)
      assert.include(
        page.text,
        'Enter an email address in the correct format, like name@example.com',
        email
      )
      assert.include(page.text, 'How can we contact you?')
    }
    assert.equal(await countRows('residents'), 0)
  })

  test('malformed, foreign or misplaced phone numbers say what to enter instead', async ({
    assert,
  }) => {
    const { central } = await seedMappedAreas()
    const cases: [Record<string, string>, string][] = [
      [{ mobile: '12345' }, 'Enter a UK mobile number, like 07400 123456'],
      [{ mobile: '07400 12345a' }, 'Enter a UK mobile number, like 07400 123456'],
      [{ mobile: '+33 6 12 34 56 78' }, 'Enter a UK mobile number, like 07400 123456'],
      [
        { mobile: '01522 552222' },
        'Enter a mobile number, starting 07. Put a landline number in the landline box',
      ],
      [{ landline: 'call me' }, 'Enter a UK landline number, like 020 7946 0123'],
      [
        { landline: '07400 123456' },
        'Enter a landline number, like 020 7946 0123. Put a mobile number in the mobile box',
      ],
    ]
    for (const [fields, message] of cases) {
      const page = await answerUpToCheck(new BrowserLikeSession(), central, {
        name: 'Ada',
        ...fields,
      })
      assert.include(page.text, message, JSON.stringify(fields))
      assert.include(page.text, `value="${Object.values(fields)[0]}"`, 'the answer is kept')
    }
    assert.equal(await countRows('residents'), 0)
  })

  test('a sign-up with no way to contact the resident is refused', async ({ assert }) => {
    const { central } = await seedMappedAreas()
    const page = await answerUpToCheck(new BrowserLikeSession(), central, {
      name: 'Ada',
      email: '   ',
      mobile: '',
      landline: '',
    })
    assert.include(
      page.text,
      'Enter at least one way to contact you: an email address, a mobile number or a landline number'
    )
    assert.equal(await countRows('residents'), 0)
  })

  test('a malformed postcode is refused, and an unknown one offers the other ways', async ({
    assert,
  }) => {
    await seedMappedAreas()
    await seedPostcodes()
    for (const postcode of ['LN1', 'NOT A POSTCODE', '12345', 'LN1 1AAA']) {
      const page = await new BrowserLikeSession().submit(
        '/sign-up',
        { postcode },
        { action: '/sign-up/postcode' }
      )
      assert.include(page.text, 'Enter a full UK postcode', postcode)
    }

    const unknown = await new BrowserLikeSession().submit(
      '/sign-up',
      { postcode: 'ln1 1aa' },
      { action: '/sign-up/postcode' }
    )
    assert.include(
      unknown.text,
      'We cannot find this postcode. Check it, or find your home on the map or choose your ward from the list instead'
    )
    assert.include(unknown.text, 'id="postcode-error"')
    assert.include(unknown.text, 'value="ln1 1aa"')
    assert.include(unknown.text, 'href="/sign-up/map"')
    assert.include(unknown.text, 'href="/sign-up/ward"')
    assert.equal(await countRows('residents'), 0)
  })

  test('a postcode outside every area is refused with a clear message', async ({ assert }) => {
    await seedMappedAreas()
    await seedPostcodes()
    const page = await new BrowserLikeSession().submit(
      '/sign-up',
      { postcode: 'ZE1 0ZZ' },
      { action: '/sign-up/postcode' }
    )
    assert.include(page.text, 'This postcode is outside the areas we send alerts to')
  })

  test('a point on the map outside every area is refused with a clear message', async ({
    assert,
  }) => {
    await seedMappedAreas()
    const browser = new BrowserLikeSession()
    const [lat, lng] = POINTS.shetland
    const page = await browser.submit('/sign-up/map', { lat, lng })
    assert.include(page.url, '/sign-up/map')
    assert.include(
      page.text,
      'The point you chose is outside the areas we send alerts to. Click inside one of the outlined areas, or enter your postcode instead'
    )
    const next = await browser.get('/sign-up/contact')
    assert.include(new URL(next.url).pathname, '/sign-up', 'no location was kept')
    assert.notInclude(next.text, 'How can we contact you?')
  })

  test('forged map coordinates are refused and nothing is kept', async ({ assert }) => {
    await seedMappedAreas()
    const forgeries = [
      {},
      { lat: 'abc', lng: '0.05' },
      { lat: '52.95', lng: 'west' },
      { lat: '91', lng: '0.05' },
      { lat: '52.95', lng: '181' },
      { lat: 'Infinity', lng: '0.05' },
      { lat: '52.95' },
      { lng: '0.05' },
      { lat: ['52.95', '53.25'], lng: '0.05' },
    ]
    for (const fields of forgeries) {
      const browser = new BrowserLikeSession()
      const page = await browser.submit('/sign-up/map', fields)
      assert.include(page.text, CLICK_THE_MAP, JSON.stringify(fields))
      const next = await browser.get('/sign-up/contact')
      assert.notInclude(next.text, 'How can we contact you?', JSON.stringify(fields))
    }
    assert.equal(await countRows('residents'), 0)
  })

  test('coordinates slipped into another step do not move the resident', async ({ assert }) => {
    await seedMappedAreas()
    await seedPostcodes()
    const browser = new BrowserLikeSession()
    const [lat, lng] = POINTS.abbey
    await browser.submit(
      '/sign-up',
      { postcode: 'PE21 6ZZ', lat, lng },
      { action: '/sign-up/postcode' }
    )
    const email = uniqueEmail()
    const check = await skipOptionalQuestions(
      browser,
      await browser.submit('/sign-up/contact', { name: 'Ada', email, lat, lng })
    )
    assert.include(check.text, 'Central, Boston')
    await browser.post('/sign-up', { lat, lng, wardId: 1, how: 'map' })

    const resident = await Resident.findByOrFail('email', email)
    assert.deepEqual(await placedBy(resident), ['Boston', 'Central'])
    assert.deepEqual([resident.lat, resident.lng], [...POINTS.central])
  })

  test('a bot that fills the hidden field gets the neutral answer and nothing is kept', async ({
    assert,
  }) => {
    const { central } = await seedMappedAreas()
    const browser = new BrowserLikeSession()
    const page = await answerUpToCheck(browser, central, {
      name: 'Ada',
      email: uniqueEmail(),
      website: 'http://spam.example',
    })
    assert.include(page.text, 'Check your email')
    const check = await browser.get('/sign-up/check')
    assert.equal(new URL(check.url).pathname, '/sign-up/contact')
    assert.equal(await countRows('residents'), 0)
  })

  test('steps cannot be skipped, and nothing is saved before the last one', async ({ assert }) => {
    const { central } = await seedMappedAreas()
    const browser = new BrowserLikeSession()
    assert.equal(new URL((await browser.get('/sign-up/contact')).url).pathname, '/sign-up')
    assert.equal(new URL((await browser.get('/sign-up/check')).url).pathname, '/sign-up')
    await browser.get('/sign-up')
    assert.equal(new URL((await browser.post('/sign-up')).url).pathname, '/sign-up')

    await browser.submit('/sign-up/ward', { wardId: central.id })
    assert.equal(new URL((await browser.get('/sign-up/check')).url).pathname, '/sign-up/contact')
    await browser.submit('/sign-up/contact', { name: 'Ada', email: uniqueEmail() })
    assert.equal(await countRows('residents'), 0)
    assert.equal(await countRows('resident_tokens'), 0)
  })
})

test.group('Sign-up: contacts and places that are accepted', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('a postcode typed any way is normalised and places the resident', async ({ assert }) => {
    await seedMappedAreas()
    await seedPostcodes()
    const browser = new BrowserLikeSession()
    const contact = await browser.submit(
      '/sign-up',
      { postcode: ' pe216zz ' },
      { action: '/sign-up/postcode' }
    )
    assert.include(contact.text, 'How can we contact you?')
    const email = uniqueEmail()
    const check = await skipOptionalQuestions(
      browser,
      await browser.submit('/sign-up/contact', { name: 'Ada Lovelace', email })
    )
    assert.include(check.text, 'Central, Boston')
    assert.include(check.text, 'from your postcode PE21 6ZZ')
    const done = await browser.post('/sign-up')
    assert.include(done.text, 'Check your email')

    const resident = await Resident.findByOrFail('email', email)
    assert.equal(resident.postcode, 'PE21 6ZZ')
    assert.equal(resident.status, 'pending')
    assert.equal(resident.source, 'web')
    assert.deepEqual(await placedBy(resident), ['Boston', 'Central'])
    const mail = await smtpSink.waitForMail(email, (m) => m.subject === 'Confirm your local alerts')
    assert.include(mail.text, 'local alerts for Central, Boston')
  })

  test('a point on the map places the resident in every area that contains it', async ({
    assert,
  }) => {
    await seedMappedAreas()
    for (const [point, expected] of [
      [POINTS.central, 'Central, Boston'],
      [POINTS.bostonWithoutWard, 'Boston'],
    ] as const) {
      const browser = new BrowserLikeSession()
      await browser.submit('/sign-up/map', { lat: point[0], lng: point[1] })
      const email = uniqueEmail()
      const check = await skipOptionalQuestions(
        browser,
        await browser.submit('/sign-up/contact', { name: 'Ada', email })
      )
      assert.include(check.text, `<p class="govuk-body govuk-!-margin-bottom-1">${expected}</p>`)
      assert.include(check.text, 'from the point you chose on the map')
      await browser.post('/sign-up')
      const resident = await Resident.findByOrFail('email', email)
      assert.deepEqual(await placedBy(resident), expected.split(', ').sort())
      assert.deepEqual([resident.lat, resident.lng], [...point])
      assert.isNull(resident.postcode)
    }
  })

  test('UK phone numbers are kept in E.164 and shown the national way', async ({ assert }) => {
    const { central } = await seedMappedAreas()
    const browser = new BrowserLikeSession()
    const email = uniqueEmail()
    const check = await answerUpToCheck(browser, central, {
      name: 'Ada',
      email,
      mobile: '+44 (0)7400-123456',
      landline: '(01522) 552222',
    })
    assert.include(check.text, '07400 123456')
    assert.include(check.text, '01522 552222')
    const contact = await browser.get('/sign-up/contact')
    assert.include(contact.text, 'value="07400 123456"', 'the answer comes back to be changed')
    await browser.submit('/sign-up/contact', {
      name: 'Ada',
      email,
      mobile: '07400 123456',
      landline: '01522 552222',
    })
    await browser.post('/sign-up')

    const resident = await Resident.findByOrFail('email', email)
    assert.equal(resident.phone, '+447400123456')
    assert.equal(resident.landline, '+441522552222')
    assert.isNull(resident.phoneVerifiedAt)
  })

  test('a sign-up by phone alone is saved pending, with no link, and the page says why', async ({
    assert,
  }) => {
    const { central } = await seedMappedAreas()
    const browser = new BrowserLikeSession()
    const check = await answerUpToCheck(browser, central, { name: 'Ada', mobile: '07400123456' })
    assert.include(check.text, 'Alerts by text message and phone call are not switched on yet')
    const done = await browser.post('/sign-up')
    assert.include(done.text, 'We have your details')
    assert.include(done.text, 'we will send a code to <strong>07400 123456</strong>')

    const resident = await Resident.findByOrFail('phone', '+447400123456')
    assert.isNull(resident.email)
    assert.equal(resident.status, 'pending')
    assert.deepEqual(await placedBy(resident), ['Boston', 'Central'])
    assert.equal(await countRows('resident_tokens'), 0)
  })

  test('a mobile number already registered gets the same answer and its owner is told', async ({
    assert,
  }) => {
    const { central } = await seedMappedAreas()
    const organisation = await createOrganisation()
    const existing = await createResident(central, [organisation], { phone: '+447400123456' })
    const browser = new BrowserLikeSession()
    await answerUpToCheck(browser, central, { name: 'Somebody Else', mobile: '07400 123 456' })
    const done = await browser.post('/sign-up')
    assert.include(done.text, 'We have your details')
    await smtpSink.waitForMail(
      existing.email!,
      (mail) => mail.subject === 'Someone tried to sign you up for local alerts'
    )
    assert.equal(await countRows('residents'), 1)
  })

  test('the map page works without JavaScript by offering the other ways', async ({ assert }) => {
    await seedMappedAreas()
    const page = await new BrowserLikeSession().get('/sign-up/map')
    assert.include(page.text, 'The map needs JavaScript')
    assert.include(page.text, 'href="/sign-up/ward"')
    assert.match(page.text, /<form method="POST" action="\/sign-up\/map"[^>]*hidden>/)
  })

  test('the outlines are served as GeoJSON, districts before the wards drawn on them', async ({
    assert,
  }) => {
    await seedMappedAreas()
    const response = await fetch(
      new URL('/sign-up/areas.geojson', new BrowserLikeSession().baseUrl)
    )
    assert.equal(response.status, 200)
    assert.include(response.headers.get('content-type')!, 'application/geo+json')
    const outlines = (await response.json()) as {
      features: { properties: Record<string, string>; geometry: { type: string } }[]
    }
    assert.deepEqual(
      outlines.features.map((feature) => feature.properties.level),
      ['district', 'district', 'ward', 'ward', 'ward', 'ward']
    )
    const central = outlines.features.find((feature) => feature.properties.code === 'M-W1')!
    assert.deepEqual(central.properties, {
      code: 'M-W1',
      name: 'Central',
      level: 'ward',
      parent: 'Boston',
    })
    assert.equal(central.geometry.type, 'Polygon')

    const leaflet = await fetch(
      new URL('/vendor/leaflet/leaflet.js', new BrowserLikeSession().baseUrl)
    )
    assert.equal(leaflet.status, 200)
    assert.include(leaflet.headers.get('content-type')!, 'text/javascript')
  })
})

test.group('Doorstep sign-up', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('only officers and admins may register households', async ({ assert }) => {
    const organisation = await createOrganisation()
    const visitor = await new BrowserLikeSession().get('/staff/doorstep')
    assert.include(visitor.url, '/staff/login')

    const sender = await signInStaff(await createStaff(organisation, 'sender'))
    const refused = await sender.get('/staff/doorstep')
    assert.equal(refused.status, 403)

    for (const role of ['officer', 'admin'] as const) {
      const page = await (
        await signInStaff(await createStaff(organisation, role))
      ).get('/staff/doorstep')
      assert.equal(page.status, 200, role)
      assert.include(page.text, 'Doorstep sign-up')
    }
  })

  test('a sender cannot post a registration either', async ({ assert }) => {
    const { central } = await seedMappedAreas()
    const organisation = await createOrganisation()
    const sender = await signInStaff(await createStaff(organisation, 'sender'))
    await sender.get('/staff')
    const page = await sender.post('/staff/doorstep', {
      findBy: 'ward',
      wardId: central.id,
      name: 'Ada',
      email: uniqueEmail(),
    })
    assert.equal(page.status, 403)
    assert.equal(await countRows('residents'), 0)
  })

  test('missing, malformed and unknown answers are explained and nothing is saved', async ({
    assert,
  }) => {
    await seedMappedAreas()
    await seedPostcodes()
    const organisation = await createOrganisation()
    const officer = await signInStaff(await createStaff(organisation, 'officer'))
    const submit = (fields: Record<string, unknown>) => officer.submit('/staff/doorstep', fields)

    const empty = await submit({})
    assert.include(empty.text, 'Choose how to find the household’s area')
    assert.include(empty.text, 'Enter the resident’s name')
    assert.include(empty.text, 'Enter at least one way to reach them')

    const noPostcode = await submit({ findBy: 'postcode', name: 'Ada', email: uniqueEmail() })
    assert.include(noPostcode.text, 'Enter the household’s postcode')

    const noWard = await submit({ findBy: 'ward', name: 'Ada', email: uniqueEmail() })
    assert.include(noWard.text, 'Choose the household’s ward')

    const unknown = await submit({
      findBy: 'postcode',
      postcode: 'LN1 1AA',
      name: 'Ada',
      email: uniqueEmail(),
    })
    assert.include(
      unknown.text,
      'We cannot find this postcode. Check it, or choose the ward from the list'
    )

    const outside = await submit({
      findBy: 'postcode',
      postcode: 'ZE1 0ZZ',
      name: 'Ada',
      mobile: '07400123456',
    })
    assert.include(outside.text, 'This postcode is outside the areas we send alerts to')

    const badContacts = await submit({
      findBy: 'postcode',
      postcode: 'PE21 6ZZ',
      name: 'Ada',
      email: 'ada@',
      mobile: '123',
    })
    assert.include(badContacts.text, 'Enter an email address in the correct format')
    assert.include(badContacts.text, 'Enter a UK mobile number')
    assert.equal(await countRows('residents'), 0)
    assert.equal(await countRows('audit_logs'), 0)
  })

  test('a registration records the officer, the ticks and an audit entry, and sends only the confirmation', async ({
    assert,
  }) => {
    await seedMappedAreas()
    await seedPostcodes()
    const organisation = await createOrganisation()
    const user = await createStaff(organisation, 'officer')
    const officer = await signInStaff(user)
    const email = uniqueEmail('household')
    const page = await officer.submit('/staff/doorstep', {
      findBy: 'postcode',
      postcode: 'pe21 6zz',
      name: 'Grace Hopper',
      email,
      landline: '01522 552222',
      knownToOfficer: 'true',
    })
    assert.include(
      page.text,
      `Grace Hopper is registered. Their alerts start when they open the link we have emailed to ${email}.`
    )

    const resident = await Resident.findByOrFail('email', email)
    assert.equal(resident.source, 'doorstep')
    assert.equal(resident.status, 'pending')
    assert.equal(resident.registeredByUserId, user.id)
    assert.isTrue(resident.knownToOfficer)
    assert.isFalse(resident.communityInfluencer)
    assert.equal(resident.landline, '+441522552222')
    assert.equal(resident.postcode, 'PE21 6ZZ')
    assert.deepEqual(await placedBy(resident), ['Boston', 'Central'])

    const audit = await AuditLog.findByOrFail('action', 'resident.doorstep_registered')
    assert.equal(audit.userId, user.id)
    assert.equal(audit.organisationId, organisation.id)
    assert.equal(audit.subjectId, resident.id)

    await smtpSink.waitForMail(email, (mail) => mail.subject === 'Confirm your local alerts')
    assert.lengthOf(smtpSink.mailTo(email), 1)
  })
})
