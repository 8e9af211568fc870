import { test } from '@japa/runner'
import { EMAILED_LINK_QUEUE } from '#services/platform/infrastructure/emailed_links'
import { queueFinished } from '#tests/helpers/queues'
import config from '@adonisjs/core/services/config'
import { DateTime } from 'luxon'
import edge from 'edge.js'
import env from '#start/env'
import db from '@adonisjs/lucid/services/db'
import ChannelPreference from '#models/residents/channel_preference'
import Demographic from '#models/residents/demographic'
import Resident from '#models/residents/resident'
import ResidentImportRecord from '#models/residents/resident_import_record'
import AuditLog from '#models/platform/audit_log'
import ResidentToken from '#models/residents/resident_token'
import { sqlTime } from '#services/platform/infrastructure/sql_time'
import { BrowserLikeSession } from '#tests/helpers/http'
import { smtpSink } from '#tests/helpers/smtp_sink'
import {
  countRows,
  createOrganisation,
  createResident,
  seedAreas,
  uniqueEmail,
} from '#tests/helpers/fixtures'
import {
  alertTo,
  magicLinkSecret,
  residentOf,
  seedSelfService,
  signedInAs,
} from '#tests/helpers/self_service_fixtures'
import { joinSchemes } from '#tests/helpers/resident_fixtures'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import channelRegistry from '#services/platform/plugins/channel_registry'
import { contactOnlyChannel } from '#tests/helpers/contact_channels'

const NEUTRAL_ANSWER = 'is signed up for alerts, we have sent a link to it'

test.group('Self-service: asking for a sign-in link', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('a registered and an unknown address get the same answer; only the registered one gets a link', async ({
    assert,
  }) => {
    const world = await seedSelfService()
    const resident = await residentOf(world)
    const stranger = uniqueEmail('stranger')

    const known = await new BrowserLikeSession().submit('/my-alerts', {
      email: resident.email!.toUpperCase(),
    })
    const unknown = await new BrowserLikeSession().submit('/my-alerts', { email: stranger })
    for (const page of [known, unknown]) {
      assert.equal(page.status, 200)
      assert.include(page.text, 'Check your email')
      assert.include(page.text, NEUTRAL_ANSWER)
    }

    const mail = await smtpSink.waitForMail(
      resident.email!,
      (received) => received.subject === 'Your link to manage your alerts'
    )
    assert.match(mail.text, /\/my-alerts\/sign-in\/[A-Za-z0-9_-]{40,}/)
    assert.include(mail.text, '60 minutes')
    const tokens = await ResidentToken.query().where('purpose', 'magic_link')
    assert.lengthOf(tokens, 1)
    assert.equal(tokens[0].residentId, resident.id)
    assert.isTrue(tokens[0].expiresAt <= DateTime.now().plus({ minutes: 61 }))
  })

  test('an address that is not an email address is explained beside the field', async ({
    assert,
  }) => {
    for (const email of ['', 'not-an-email']) {
      const page = await new BrowserLikeSession().submit('/my-alerts', { email })
      assert.include(page.text, 'There is a problem')
      assert.include(
        page.text,
        email ? 'Enter an email address in the correct format' : 'Enter your email address'
      )
    }
    assert.equal(await countRows('resident_tokens'), 0)
  })

  test('a sixth link within the hour is not sent, though the answer is the same', async ({
    assert,
  }) => {
    const world = await seedSelfService()
    const resident = await residentOf(world)
    for (let attempt = 1; attempt <= 6; attempt++) {
      const page = await new BrowserLikeSession().submit('/my-alerts', { email: resident.email })
      assert.include(page.text, NEUTRAL_ANSWER)
    }
    // The links are made by a worker after the answer (the same work for unknown addresses).
    await queueFinished(EMAILED_LINK_QUEUE)
    assert.equal(await countRows('resident_tokens'), 5)
  })
})

test.group('Self-service: the sign-in link', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('opening the link does not sign in; the button does', async ({ assert }) => {
    const resident = await residentOf(await seedSelfService())
    const secret = await magicLinkSecret(resident)
    const browser = new BrowserLikeSession()

    const opened = await browser.get(`/my-alerts/sign-in/${secret}`)
    assert.equal(opened.status, 200)
    assert.include(opened.text, 'Sign in to manage your alerts')
    const before = await browser.get('/my-alerts/account')
    assert.include(before.url, '/my-alerts')
    assert.notInclude(before.url, '/account')

    await browser.get(`/my-alerts/sign-in/${secret}`)
    const signedIn = await browser.post(`/my-alerts/sign-in/${secret}`)
    assert.include(signedIn.url, '/my-alerts/account')
    assert.include(
      signedIn.text,
      `Signed in as <strong class="beacon-break-words">${resident.email}`
    )
  })

  test('a forged link says it is not valid, offers a new one and signs nobody in', async ({
    assert,
  }) => {
    await residentOf(await seedSelfService())
    const browser = new BrowserLikeSession()
    for (const forged of ['not-a-real-token-at-all-123456', 'x', 'a'.repeat(43), '%3Cscript%3E']) {
      const page = await browser.get(`/my-alerts/sign-in/${forged}`)
      assert.equal(page.status, 404)
      assert.include(page.text, 'This link is not valid')
      assert.include(page.text, 'Get a new link')
    }
    await browser.get('/my-alerts')
    const posted = await browser.post(`/my-alerts/sign-in/${'b'.repeat(43)}`)
    assert.equal(posted.status, 404)
    const account = await browser.get('/my-alerts/account')
    assert.notInclude(account.url, '/account')
  })

  test('an expired link says so and offers a new one', async ({ assert }) => {
    const resident = await residentOf(await seedSelfService())
    const secret = await magicLinkSecret(resident)
    await ResidentToken.query()
      .where('resident_id', resident.id)
      .update({ expires_at: sqlTime(DateTime.now().minus({ minutes: 1 })) })
    const browser = new BrowserLikeSession()

    const opened = await browser.get(`/my-alerts/sign-in/${secret}`)
    assert.equal(opened.status, 410)
    assert.include(opened.text, 'This link has expired')
    assert.include(opened.text, 'Get a new link')
    const posted = await browser.post(`/my-alerts/sign-in/${secret}`)
    assert.equal(posted.status, 410)
    assert.notInclude((await browser.get('/my-alerts/account')).url, '/account')
  })

  test('a link works once: used again, it says so', async ({ assert }) => {
    const resident = await residentOf(await seedSelfService())
    const secret = await magicLinkSecret(resident)
    await signedInWith(secret)

    const other = new BrowserLikeSession()
    const again = await other.get(`/my-alerts/sign-in/${secret}`)
    assert.equal(again.status, 410)
    assert.include(again.text, 'This link has already been used')
    const postedAgain = await other.post(`/my-alerts/sign-in/${secret}`)
    assert.include(postedAgain.text, 'This link has already been used')
    assert.notInclude((await other.get('/my-alerts/account')).url, '/account')
  })

  test('the link of a resident who has since been erased is not valid', async ({ assert }) => {
    const resident = await residentOf(await seedSelfService())
    const secret = await magicLinkSecret(resident)
    const browser = await signedInAs(resident)
    await browser.submit('/my-alerts/delete-account', {})
    const page = await new BrowserLikeSession().get(`/my-alerts/sign-in/${secret}`)
    assert.equal(page.status, 404)
  })

  test('without a session every resident page leads to the page that sends a link', async ({
    assert,
  }) => {
    await seedSelfService()
    const browser = new BrowserLikeSession()
    const pages = [
      '/my-alerts/account',
      '/my-alerts/channels/email',
      '/my-alerts/priority',
      '/my-alerts/language',
      '/my-alerts/topics',
      '/my-alerts/schemes',
      '/my-alerts/organisations',
      '/my-alerts/about-you',
      '/my-alerts/received',
      '/my-alerts/your-data',
      '/my-alerts/your-data/download.json',
      '/my-alerts/your-data/download.csv',
      '/my-alerts/delete-account',
    ]
    for (const path of pages) {
      const page = await browser.get(path)
      assert.equal(new URL(page.url).pathname, '/my-alerts', `${path} did not redirect`)
      assert.include(page.text, 'Manage your alerts')
      assert.include(page.text, 'Send me a link')
    }
    await browser.get('/my-alerts')
    for (const path of ['/my-alerts/priority', '/my-alerts/stop', '/my-alerts/delete-account']) {
      const page = await browser.post(path, { priorityThreshold: 5 })
      assert.equal(new URL(page.url).pathname, '/my-alerts', `POST ${path} did not redirect`)
    }
    assert.equal(
      await Resident.query()
        .where('status', 'erased')
        .count('* as total')
        .first()
        .then((row) => Number(row?.$extras.total)),
      0
    )
  })

  test('signing out ends the session', async ({ assert }) => {
    const resident = await residentOf(await seedSelfService())
    const browser = await signedInAs(resident)
    await browser.get('/my-alerts/account')
    const out = await browser.post('/my-alerts/sign-out')
    assert.include(out.text, 'You have signed out.')
    const account = await browser.get('/my-alerts/account')
    assert.equal(new URL(account.url).pathname, '/my-alerts')
  })
})

async function signedInWith(secret: string) {
  const browser = new BrowserLikeSession()
  await browser.get(`/my-alerts/sign-in/${secret}`)
  await browser.post(`/my-alerts/sign-in/${secret}`)
  return browser
}

test.group('Self-service: choices refused with an explanation', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('quiet times must both be given, on the 24-hour clock, and differ', async ({ assert }) => {
    const resident = await residentOf(await seedSelfService())
    const browser = await signedInAs(resident)
    const cases: [Record<string, string>, string][] = [
      [
        { quietFrom: '25:00', quietTo: '08:00' },
        'Enter the start time on the 24-hour clock, like 21:00',
      ],
      [
        { quietFrom: '21:00', quietTo: '8am' },
        'Enter the end time on the 24-hour clock, like 08:00',
      ],
      [{ quietFrom: '21:60', quietTo: '08:00' }, 'Enter the start time on the 24-hour clock'],
      [
        { quietFrom: '21:00', quietTo: '' },
        'Enter the time your quiet time ends, or leave both times empty',
      ],
      [
        { quietFrom: '', quietTo: '07:00' },
        'Enter the time your quiet time starts, or leave both times empty',
      ],
      [
        { quietFrom: '9:00', quietTo: '09:00' },
        'The quiet time must end at a different time from when it starts',
      ],
    ]
    for (const [fields, message] of cases) {
      const page = await browser.submit('/my-alerts/channels/email', { enabled: '1', ...fields })
      assert.include(page.text, 'There is a problem', JSON.stringify(fields))
      assert.include(page.text, message, JSON.stringify(fields))
      assert.include(page.text, 'govuk-error-summary__list')
    }
    assert.equal(await countRows('channel_preferences'), 0)
  })

  test('a valid quiet time is saved, and written as HH:MM', async ({ assert }) => {
    const resident = await residentOf(await seedSelfService())
    const browser = await signedInAs(resident)
    const page = await browser.submit('/my-alerts/channels/email', {
      enabled: '1',
      quietFrom: '21.30',
      quietTo: '7:00',
    })
    assert.include(page.text, 'Quiet time from 21:30 to 07:00.')
    assert.include(page.text, 'Not even emergencies come through.')
    const preference = await ChannelPreference.query()
      .where('resident_id', resident.id)
      .firstOrFail()
    assert.deepInclude(preference.serialize(), {
      channel: 'email',
      enabled: true,
      quietFrom: '21:30',
      quietTo: '07:00',
      emergencyOverride: false,
    })
  })

  test('a channel that does not exist is not found', async ({ assert }) => {
    const browser = await signedInAs(await residentOf(await seedSelfService()))
    assert.equal((await browser.get('/my-alerts/channels/carrier-pigeon')).status, 404)
    await browser.get('/my-alerts/channels/email')
    assert.equal((await browser.post('/my-alerts/channels/carrier-pigeon', {})).status, 404)
  })

  test('a priority outside 1 to 5 is refused', async ({ assert }) => {
    const resident = await residentOf(await seedSelfService())
    const browser = await signedInAs(resident)
    for (const priorityThreshold of ['0', '6', '2.5', 'high']) {
      const page = await browser.submit('/my-alerts/priority', { priorityThreshold })
      assert.include(page.text, 'Choose a priority from 1 to 5', priorityThreshold)
    }
    const empty = await browser.submit('/my-alerts/priority', {})
    assert.include(empty.text, 'Choose the lowest priority of alert you want to get')
    await resident.refresh()
    assert.equal(resident.priorityThreshold, 1)
  })

  test('a language not on the list is refused', async ({ assert }) => {
    const resident = await residentOf(await seedSelfService())
    const browser = await signedInAs(resident)
    const page = await browser.submit('/my-alerts/language', { language: 'xx' })
    assert.include(page.text, 'Choose a language from the list')
    await resident.refresh()
    assert.equal(resident.language, 'en')
  })

  test('unknown topics, schemes and organisations are refused and nothing changes', async ({
    assert,
  }) => {
    const world = await seedSelfService()
    const resident = await residentOf(world)
    const browser = await signedInAs(resident)
    const forms: [string, string, string][] = [
      ['/my-alerts/topics', 'interestIds[]', 'Choose topics from the list'],
      ['/my-alerts/schemes', 'schemeIds[]', 'Choose schemes from the list'],
      ['/my-alerts/organisations', 'organisationIds[]', 'Choose organisations from the list'],
    ]
    const known = {
      'interestIds[]': world.interests.burglary.id,
      'schemeIds[]': world.schemes.watch.id,
      'organisationIds[]': world.opcc.id,
    }
    for (const [path, field, message] of forms) {
      for (const bad of [987654, 'abc', -1]) {
        const page = await browser.submit(path, {
          [field]: [known[field as keyof typeof known], bad],
        })
        assert.include(page.text, message, `${path} with ${bad}`)
        assert.include(page.text, 'There is a problem')
      }
    }
    assert.equal(await countRows('resident_interests'), 0)
    assert.equal(await countRows('scheme_members'), 0)
    const consents = await db
      .from('consents')
      .where('resident_id', resident.id)
      .whereNull('withdrawn_at')
    assert.lengthOf(consents, 2)
  })

  test('an answer about you that is not on the list is refused', async ({ assert }) => {
    const resident = await residentOf(await seedSelfService())
    const browser = await signedInAs(resident)
    const page = await browser.submit('/my-alerts/about-you', {
      ageBand: '200',
      ethnicity: 'martian',
    })
    assert.include(page.text, 'Choose an age group from the list, or leave it unanswered')
    assert.include(page.text, 'Choose an ethnic group from the list, or leave it unanswered')
    assert.equal(await countRows('demographics'), 0)
  })
})

test.group('Self-service: choices saved', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('a channel switched on but with nothing to reach the resident says what it needs', async ({
    assert,
    cleanup,
  }) => {
    // A text-message channel as a plugin brings it, offered for this test only.
    cleanup(channelRegistry.standIn(contactOnlyChannel('texts', 'mobile'), () => true))
    const world = await seedSelfService()
    const resident = await residentOf(world)
    const browser = await signedInAs(resident)

    const row = (page: string, label: string) =>
      new RegExp(`${label}</dt>\\s*<dd[^>]*>\\s*<p class="govuk-body">([^<]*)</p>`).exec(page)?.[1]
    const before = await browser.get('/my-alerts/account')
    assert.equal(
      row(before.text, 'texts'),
      'On, but it cannot reach you yet: add a verified mobile number.'
    )
    assert.equal(row(before.text, 'Email'), 'On')

    await db
      .from('residents')
      .where('id', resident.id)
      .update({ phone: '+447400123999', phone_verified_at: sqlTime() })
    const after = await browser.get('/my-alerts/account')
    assert.equal(row(after.text, 'texts'), 'On')
  })

  test('topics and schemes are saved, and a scheme keeps the date it was joined', async ({
    assert,
  }) => {
    const world = await seedSelfService()
    const resident = await residentOf(world)
    const browser = await signedInAs(resident)

    await browser.submit('/my-alerts/topics', {
      'interestIds[]': [world.interests.burglary.id, world.interests.scams.id],
    })
    const topics = await browser.submit('/my-alerts/topics', {
      'interestIds[]': [world.interests.scams.id],
    })
    assert.include(topics.text, 'Your topics have been saved.')
    assert.include(topics.text, 'Fraud and scams')
    const interests = await db.from('resident_interests').where('resident_id', resident.id)
    assert.deepEqual(
      interests.map((row) => Number(row.interest_id)),
      [world.interests.scams.id]
    )

    // Watch schemes are joined by asking their coordinator (scheme_join_requests.spec.ts); once in,
    // the resident keeps or leaves them here.
    await joinSchemes(resident, [world.schemes.watch, world.schemes.farms])
    const joinedAt = DateTime.now().minus({ days: 400 })
    await db
      .from('scheme_members')
      .where('resident_id', resident.id)
      .update({ joined_at: sqlTime(joinedAt) })
    await browser.submit('/my-alerts/schemes', {
      'schemeIds[]': [world.schemes.watch.id, world.schemes.farms.id],
    })
    const schemesPage = await browser.get('/my-alerts/schemes')
    assert.include(schemesPage.text, `You joined on ${joinedAt.toFormat('d MMMM yyyy')}.`)
    assert.equal(await countRows('scheme_members'), 2)
    await browser.submit('/my-alerts/schemes', { 'schemeIds[]': [world.schemes.watch.id] })
    assert.equal(await countRows('scheme_members'), 1)

    const cleared = await browser.submit('/my-alerts/topics', {})
    assert.include(cleared.text, 'None chosen')
    assert.equal(await countRows('resident_interests'), 0)
  })

  test('withdrawing consent takes effect at once, for alerts already queued too', async ({
    assert,
  }) => {
    const world = await seedSelfService()
    const resident = await residentOf(world)
    const queued = await alertTo(resident, world.fire, 'Fire safety week', { status: 'pending' })
    const otherQueued = await alertTo(resident, world.opcc, 'Police update', { status: 'pending' })
    const browser = await signedInAs(resident)

    const page = await browser.submit('/my-alerts/organisations', {
      'organisationIds[]': [world.opcc.id],
    })
    assert.include(page.text, 'Your choice of organisations has been saved.')
    const fire = await db
      .from('consents')
      .where('resident_id', resident.id)
      .where('organisation_id', world.fire.id)
      .firstOrFail()
    assert.isNotNull(fire.withdrawn_at)
    const skipped = await db.from('deliveries').where('alert_id', queued.id).firstOrFail()
    assert.equal(skipped.status, 'skipped')
    await queued.refresh()
    assert.equal(queued.status, 'sent')
    const untouched = await db.from('deliveries').where('alert_id', otherQueued.id).firstOrFail()
    assert.equal(untouched.status, 'pending')

    const regranted = await browser.submit('/my-alerts/organisations', {
      'organisationIds[]': [world.opcc.id, world.fire.id],
    })
    assert.include(regranted.text, 'Lincolnshire Fire and Rescue, Lincolnshire OPCC')
    const active = await db
      .from('consents')
      .where('resident_id', resident.id)
      .whereNull('withdrawn_at')
    assert.lengthOf(active, 2)
  })

  test('stopping all alerts and resuming each take one click', async ({ assert }) => {
    const resident = await residentOf(await seedSelfService())
    const browser = await signedInAs(resident)
    const stopped = await browser.submit('/my-alerts/account', {}, { action: '/my-alerts/stop' })
    assert.include(stopped.text, 'You have stopped all alerts.')
    assert.include(stopped.text, 'Resume alerts')
    await resident.refresh()
    assert.equal(resident.status, 'unsubscribed')

    const resumed = await browser.submit('/my-alerts/account', {}, { action: '/my-alerts/resume' })
    assert.include(resumed.text, 'Your alerts are on again.')
    await resident.refresh()
    assert.equal(resident.status, 'active')
    assert.isNull(resident.unsubscribedAt)
  })

  test('answers about you can be given, skipped in part, and cleared', async ({ assert }) => {
    const resident = await residentOf(await seedSelfService())
    const browser = await signedInAs(resident)
    const saved = await browser.submit('/my-alerts/about-you', {
      ageBand: '35_44',
      ethnicity: 'mixed',
      disability: 'prefer_not_to_say',
    })
    assert.include(saved.text, 'Your answers have been saved.')
    const answers = await Demographic.findOrFail(resident.id)
    assert.equal(answers.ageBand, '35_44')
    assert.equal(answers.ethnicity, 'mixed')
    assert.isNull(answers.sex)

    const cleared = await browser.submit(
      '/my-alerts/about-you',
      {},
      { action: '/my-alerts/about-you/clear' }
    )
    assert.include(cleared.text, 'Your answers about you have been deleted.')
    assert.include(cleared.text, 'Not answered (optional)')
    assert.equal(await countRows('demographics'), 0)
  })

  test('the alerts received are listed newest first, a page at a time', async ({ assert }) => {
    const world = await seedSelfService()
    const resident = await residentOf(world)
    const someoneElse = await residentOf(world)
    for (let day = 1; day <= 22; day++) {
      await alertTo(resident, world.opcc, `Alert number ${day}`, {
        sentAt: DateTime.now().minus({ days: 30 - day }),
      })
    }
    await alertTo(resident, world.opcc, 'Never sent', { status: 'pending' })
    await alertTo(someoneElse, world.opcc, 'For someone else')
    const browser = await signedInAs(resident)

    const first = await browser.get('/my-alerts/received')
    assert.include(first.text, 'Alert number 22')
    assert.isBelow(first.text.indexOf('Alert number 22'), first.text.indexOf('Alert number 21'))
    assert.notInclude(first.text, 'Alert number 2<')
    assert.notInclude(first.text, 'Never sent')
    assert.notInclude(first.text, 'For someone else')
    const second = await browser.get('/my-alerts/received?page=2')
    assert.include(second.text, 'Alert number 1<')
    assert.include(second.text, 'Alert number 2<')
    assert.notInclude(second.text, 'Alert number 22')
  })

  test('the CSV download holds every section, one value per row', async ({ assert }) => {
    const world = await seedSelfService()
    const resident = await residentOf(world, { name: '=Ada Lovelace', postcode: 'PE21 1AA' })
    await alertTo(resident, world.opcc, 'Sheds broken into')
    const browser = await signedInAs(resident)
    await browser.submit('/my-alerts/about-you', { ageBand: '35_44' })

    const csv = await browser.get('/my-alerts/your-data/download.csv')
    assert.equal(csv.status, 200)
    const lines = csv.text.trim().split('\n')
    assert.equal(lines[0], 'section,item,field,value')
    assert.include(csv.text, `contactDetails,,email,${resident.email}`)
    assert.include(csv.text, "contactDetails,,name,'=Ada Lovelace")
    assert.include(csv.text, 'contactDetails,,postcode,PE21 1AA')
    assert.include(csv.text, 'areas,1,name,Boston')
    assert.include(csv.text, 'consents,1,organisation,Lincolnshire Fire and Rescue')
    assert.include(csv.text, 'aboutYou,,ageBand,35 to 44')
    assert.include(csv.text, 'alertsReceived,1,title,Sheds broken into')
  })
})

test.group('Self-service: deleting an account', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('personal data is erased, deliveries are kept without the resident, and the session ends', async ({
    assert,
  }) => {
    const world = await seedSelfService()
    const resident = await residentOf(world, {
      phone: '+447700900123',
      landline: '01205 123456',
      postcode: 'PE21 1AA',
      lat: 52.97,
      lng: -0.02,
    })
    const neighbour = await residentOf(world)
    const sent = await alertTo(resident, world.opcc, 'Sent before erasure')
    const queued = await alertTo(resident, world.opcc, 'Queued at erasure', { status: 'pending' })
    await alertTo(neighbour, world.opcc, 'For the neighbour')
    const browser = await signedInAs(resident)
    await browser.submit('/my-alerts/topics', { 'interestIds[]': [world.interests.burglary.id] })
    await joinSchemes(resident, [world.schemes.watch])
    await browser.submit('/my-alerts/channels/email', {
      enabled: '1',
      quietFrom: '22:00',
      quietTo: '07:00',
    })
    await browser.submit('/my-alerts/about-you', { ageBand: '35_44' })

    const confirm = await browser.get('/my-alerts/delete-account')
    assert.include(confirm.text, 'Are you sure you want to delete your account?')
    await resident.refresh()
    assert.equal(resident.status, 'active', 'the confirmation page alone must not erase')

    const done = await browser.post('/my-alerts/delete-account')
    assert.include(done.text, 'Your account has been deleted')

    await resident.refresh()
    assert.equal(resident.status, 'erased')
    assert.equal(resident.name, 'Erased')
    assert.isNotNull(resident.erasedAt)
    for (const field of ['email', 'phone', 'landline', 'postcode', 'lat', 'lng'] as const) {
      assert.isNull(resident[field], field)
    }
    for (const table of [
      'resident_areas',
      'resident_interests',
      'scheme_members',
      'consents',
      'channel_preferences',
      'demographics',
      'resident_tokens',
    ]) {
      const rows = await db.from(table).where('resident_id', resident.id)
      assert.lengthOf(rows, 0, table)
    }
    const kept = await db.from('deliveries').where('alert_id', sent.id).firstOrFail()
    assert.isNull(kept.resident_id)
    assert.equal(kept.status, 'sent')
    const skipped = await db.from('deliveries').where('alert_id', queued.id).firstOrFail()
    assert.isNull(skipped.resident_id)
    assert.equal(skipped.status, 'skipped')
    assert.lengthOf(await db.from('deliveries').where('resident_id', neighbour.id), 1)
    assert.lengthOf(await db.from('consents').where('resident_id', neighbour.id), 2)

    const afterwards = await browser.get('/my-alerts/account')
    assert.equal(new URL(afterwards.url).pathname, '/my-alerts')
  })
})

test.group('Self-service: erasure reaches the audit log and import reports', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test("staff edits and import reports keep who did what, but lose the resident's details", async ({
    assert,
  }) => {
    const world = await seedSelfService()
    const resident = await residentOf(world, { phone: '+447700900123' })
    const neighbour = await residentOf(world)
    await AuditLog.create({
      action: 'resident.updated',
      organisationId: world.opcc.id,
      subjectType: 'resident',
      subjectId: resident.id,
      details: { changes: { name: { from: 'Ada Byron', to: 'Ada Lovelace' } } },
    })
    const row = (line: number, name: string, email: string, mobile: string) => ({
      row: line,
      outcome: 'new',
      reasons: [],
      name,
      email,
      mobile,
      landline: '',
    })
    const upload = await ResidentImportRecord.create({
      organisationId: world.opcc.id,
      filename: 'old-system.csv',
      status: 'imported',
      totalRows: 3,
      importedRows: 3,
      rejectedRows: 0,
      report: {
        counts: { total: 3 },
        rows: [
          row(2, 'Ada Lovelace', resident.email!.toUpperCase(), ''),
          row(3, 'Ada on her phone', '', '07700 900123'),
          row(4, 'The neighbour', neighbour.email!, ''),
        ],
      },
    })

    const browser = await signedInAs(resident)
    await browser.get('/my-alerts/delete-account')
    await browser.post('/my-alerts/delete-account')

    const entry = await AuditLog.query().where('subject_id', resident.id).firstOrFail()
    assert.equal(entry.action, 'resident.updated')
    assert.deepEqual(entry.details, { erased: true })
    await upload.refresh()
    const rows = (upload.report as { rows: Array<Record<string, string>> }).rows
    assert.deepEqual(
      rows.map((line) => [line.name, line.email, line.mobile]),
      [
        ['Erased', '', ''],
        ['Erased', '', ''],
        ['The neighbour', neighbour.email!, ''],
      ]
    )
  })
})

test.group('Self-service: the way in from an alert', () => {
  test('every alert email links to the page that manages alerts, beside the unsubscribe link', async ({
    assert,
  }) => {
    const state = {
      alert: {
        title: 'Road closed',
        bodyHtml: '<p>The bridge is shut.</p>',
        bodyText: 'The bridge is shut.',
        priority: 3,
        priorityLabel: 'Warning',
      },
      branding: { organisationName: 'Lincolnshire OPCC', colour: '#1d70b8', footer: null },
      language: 'en',
      unsubscribeUrl: 'https://example.test/unsubscribe',
      recipientName: 'Ada',
    }
    const manageUrl = `${env.get('APP_URL')}/my-alerts`
    const text = await edge.render('emails/alert_text', state)
    const lines = text.split('\n')
    assert.include(lines, 'Unsubscribe from all alerts: https://example.test/unsubscribe')
    assert.include(lines, `Manage your alerts: ${manageUrl}`)
    const html = await edge.render('emails/alert_html', state)
    assert.include(html, `<a href="${manageUrl}">Manage your alerts</a>`)
  })
})

test.group('Self-service: protection of the public form', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('a bot that fills the hidden field gets the neutral answer and no email is sent', async ({
    assert,
  }) => {
    const resident = await createResident((await seedAreas()).central, [await createOrganisation()])
    const page = await new BrowserLikeSession().submit('/my-alerts', {
      email: resident.email,
      website: 'http://spam.example',
    })
    assert.include(page.text, 'Check your email')
    assert.equal(await countRows('resident_tokens'), 0)
  })

  test('too many requests from one address get a plain 429 page', async ({ assert, cleanup }) => {
    const limit = config.get<number>('beacon.rateLimits.publicForms')
    config.set('beacon.rateLimits.publicForms', 1)
    cleanup(() => config.set('beacon.rateLimits.publicForms', limit))
    const browser = new BrowserLikeSession()
    await browser.submit('/my-alerts', { email: 'someone@example.test' })
    const page = await browser.submit('/my-alerts', { email: 'someone@example.test' })
    assert.equal(page.status, 429)
    assert.include(page.text, 'Too many attempts')
  })
})
