import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import Resident from '#models/residents/resident'
import channelRegistry from '#services/platform/plugins/channel_registry'
import { contactOnlyChannel } from '#tests/helpers/contact_channels'
import { createOrganisation, seedAreas, uniqueEmail } from '#tests/helpers/fixtures'
import { BrowserLikeSession } from '#tests/helpers/http'
import { createInterest, createScheme } from '#tests/helpers/resident_fixtures'
import { emptyTablesAfterwards } from '#tests/helpers/database'

const path = (page: { url: string }) => new URL(page.url).pathname
const backLink = (page: { text: string }) =>
  /<a href="([^"]+)" class="govuk-back-link">/.exec(page.text)?.[1]
/** The answer in the check page's row, as text (tags and spacing removed). */
const answer = (page: { text: string }, id: string) =>
  new RegExp(`id="answer-${id}">([\\s\\S]*?)</dd>`)
    .exec(page.text)?.[1]
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()

/** A text message channel as a plugin brings it, offered for one test. */
function offerTextMessages(cleanup: (fn: () => void) => void) {
  const texts = { ...contactOnlyChannel('sms', 'mobile'), label: 'Text message' }
  cleanup(channelRegistry.standIn(texts, () => true))
}

test.group('Sign-up: what residents care about and how they want alerts', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('each question is asked on its own page, and every answer is saved with the resident', async ({
    assert,
    cleanup,
  }) => {
    offerTextMessages(cleanup)
    const { central, abbey } = await seedAreas()
    await createOrganisation('Northshire Police')
    const burglary = await createInterest('Burglary')
    const scams = await createInterest('Scams')
    await createInterest('Road safety')
    const street = await createScheme('Market Street Watch', 'neighbourhood_watch', central)
    const farms = await createScheme('County Farm Watch', 'farm_watch')
    await createScheme('Abbey Watch', 'neighbourhood_watch', abbey)
    const email = uniqueEmail()
    const browser = new BrowserLikeSession()
    await browser.submit('/sign-up/ward', { wardId: central.id })

    const topics = await browser.submit('/sign-up/contact', {
      name: 'Ada',
      email,
      mobile: '07400 123456',
    })
    assert.equal(path(topics), '/sign-up/topics')
    assert.include(topics.text, 'Which topics interest you?')
    assert.include(topics.text, 'Skip this question')
    assert.equal(backLink(topics), '/sign-up/contact')

    const schemes = await browser.submit('/sign-up/topics', {
      'interestIds[]': [String(burglary.id), String(scams.id)],
    })
    assert.equal(path(schemes), '/sign-up/schemes')
    assert.include(schemes.text, 'Market Street Watch')
    assert.include(schemes.text, 'County Farm Watch')
    assert.notInclude(schemes.text, 'Abbey Watch', 'a scheme elsewhere is not offered')

    const channels = await browser.submit('/sign-up/schemes', { 'schemeIds[]': String(street.id) })
    assert.equal(path(channels), '/sign-up/channels')
    assert.include(channels.text, `To ${email}`)
    assert.include(channels.text, 'To 07400 123456')
    assert.match(channels.text, /value="sms"[^>]*checked/, 'every way is ticked to begin with')

    const priority = await browser.submit('/sign-up/channels', { 'channelIds[]': 'email' })
    assert.equal(path(priority), '/sign-up/priority')
    assert.equal(backLink(priority), '/sign-up/channels')

    const quiet = await browser.submit('/sign-up/priority', { priorityThreshold: '3' })
    assert.equal(path(quiet), '/sign-up/quiet-time')
    const about = await browser.submit('/sign-up/quiet-time', {
      wantsQuietTime: 'yes',
      quietFrom: '21.00',
      quietTo: '7:00',
    })
    assert.equal(path(about), '/sign-up/about-you')
    assert.include(about.text, 'About you (optional)')
    const check = await browser.submit('/sign-up/about-you', {
      ageBand: '35_44',
      ethnicity: 'mixed',
    })
    assert.equal(path(check), '/sign-up/check')
    assert.equal(backLink(check), '/sign-up/about-you')
    assert.equal(
      answer(check, 'about-you'),
      '35 to 44 Mixed or Multiple ethnic groups Used only in aggregate, to see whether alerts reach the whole community.'
    )
    assert.equal(answer(check, 'topics'), 'Burglary Scams')
    assert.equal(
      answer(check, 'schemes'),
      'Market Street Watch The scheme’s coordinator will confirm you are a member.'
    )
    assert.equal(answer(check, 'channels'), 'Email')
    assert.include(answer(check, 'priority')!, '3 – Warning')
    assert.equal(
      answer(check, 'quiet-time'),
      'From 21:00 to 07:00 Nothing comes during your quiet time, not even emergencies.'
    )

    const next = await browser.post('/sign-up')
    assert.equal(path(next), '/sign-up/check-your-email')
    assert.include(next.text, 'What happens next')
    assert.include(next.text, 'Alerts then come from Northshire Police')
    assert.include(next.text, 'href="/verify"')
    assert.include(next.text, 'href="/my-alerts"')

    const resident = await Resident.findByOrFail('email', email)
    assert.equal(resident.priorityThreshold, 3)
    const interests = await db.from('resident_interests').where('resident_id', resident.id)
    assert.sameMembers(
      interests.map((row) => Number(row.interest_id)),
      [burglary.id, scams.id]
    )
    // Ticking a scheme asks its coordinator: no membership until they approve.
    assert.lengthOf(await db.from('scheme_members').where('resident_id', resident.id), 0)
    const requests = await db.from('scheme_join_requests').where('resident_id', resident.id)
    assert.deepEqual(
      requests.map((row) => [Number(row.scheme_id), row.status]),
      [[street.id, 'pending']]
    )
    assert.notEqual(farms.id, street.id)
    const preferences = await db
      .from('channel_preferences')
      .where('resident_id', resident.id)
      .orderBy('channel')
    const byChannel = Object.fromEntries(preferences.map((row) => [row.channel, row]))
    assert.equal(Boolean(byChannel.email.enabled), true)
    assert.equal(Boolean(byChannel.sms.enabled), false)
    for (const row of preferences) {
      assert.deepEqual([row.quiet_from, row.quiet_to], ['21:00', '07:00'])
      assert.equal(Boolean(row.emergency_override), false)
    }
    const demographics = await db.from('demographics').where('resident_id', resident.id).first()
    assert.deepEqual(
      [demographics.age_band, demographics.sex, demographics.ethnicity, demographics.disability],
      ['35_44', null, 'mixed', null]
    )
  })

  test('skipping every question keeps the defaults, and the check page says what they are', async ({
    assert,
    cleanup,
  }) => {
    offerTextMessages(cleanup)
    const { central } = await seedAreas()
    await createOrganisation('Northshire Police')
    await createInterest('Burglary')
    await createScheme('Market Street Watch', 'neighbourhood_watch', central)
    const email = uniqueEmail()
    const browser = new BrowserLikeSession()
    await browser.submit('/sign-up/ward', { wardId: central.id })
    let page = await browser.submit('/sign-up/contact', {
      name: 'Ada',
      email,
      mobile: '07400123456',
    })
    const skipped: string[] = []
    while (path(page) !== '/sign-up/check') {
      skipped.push(path(page))
      page = await browser.submit(path(page), { 'skip': '1', 'interestIds[]': 'not an id' })
    }
    assert.deepEqual(skipped, [
      '/sign-up/topics',
      '/sign-up/schemes',
      '/sign-up/channels',
      '/sign-up/priority',
      '/sign-up/quiet-time',
      '/sign-up/about-you',
    ])
    assert.equal(answer(page, 'topics'), 'None chosen')
    assert.equal(answer(page, 'schemes'), 'None')
    assert.equal(answer(page, 'channels'), 'Email Text message')
    assert.include(answer(page, 'priority')!, '1 – Information')
    assert.equal(answer(page, 'quiet-time'), 'None: alerts can come at any time')

    await browser.post('/sign-up')
    const resident = await Resident.findByOrFail('email', email)
    assert.equal(resident.priorityThreshold, 1)
    for (const table of [
      'resident_interests',
      'scheme_members',
      'scheme_join_requests',
      'channel_preferences',
      'demographics',
    ]) {
      const rows = await db.from(table).where('resident_id', resident.id)
      assert.lengthOf(rows, 0, `${table}: no row means the defaults`)
    }
  })

  test('wrong answers are explained in plain English and change nothing', async ({
    assert,
    cleanup,
  }) => {
    offerTextMessages(cleanup)
    const { central, abbey } = await seedAreas()
    await createOrganisation('Northshire Police')
    await createInterest('Burglary')
    const elsewhere = await createScheme('Abbey Watch', 'neighbourhood_watch', abbey)
    await createScheme('Market Street Watch', 'neighbourhood_watch', central)
    const browser = new BrowserLikeSession()
    await browser.submit('/sign-up/ward', { wardId: central.id })
    await browser.submit('/sign-up/contact', {
      name: 'Ada',
      email: uniqueEmail(),
      mobile: '07400123456',
    })

    const refusals: [string, Record<string, unknown>, string][] = [
      ['/sign-up/topics', { 'interestIds[]': '999999' }, 'Choose topics from the list'],
      ['/sign-up/schemes', { 'schemeIds[]': String(elsewhere.id) }, 'Choose schemes from the list'],
      ['/sign-up/channels', {}, 'Choose at least one way to get alerts'],
      ['/sign-up/channels', { 'channelIds[]': 'fax' }, 'Choose from the list'],
      ['/sign-up/priority', {}, 'Choose the lowest priority of alert you want to get'],
      ['/sign-up/priority', { priorityThreshold: '9' }, 'Choose a priority from 1 to 5'],
      ['/sign-up/quiet-time', {}, 'Choose whether you want a quiet time'],
      [
        '/sign-up/quiet-time',
        { wantsQuietTime: 'yes', quietFrom: '25:00', quietTo: '07:00' },
        'Enter the start time on the 24-hour clock, like 21:00',
      ],
      [
        '/sign-up/quiet-time',
        { wantsQuietTime: 'yes', quietFrom: '21:00', quietTo: '21:00' },
        'The quiet time must end at a different time from when it starts',
      ],
      [
        '/sign-up/quiet-time',
        { wantsQuietTime: 'yes', quietFrom: '21:00' },
        'Enter the time your quiet time ends, like 08:00',
      ],
    ]
    for (const [page, fields, message] of refusals) {
      const refused = await browser.submit(page, fields)
      assert.equal(path(refused), page, `${page} is shown again`)
      assert.include(refused.text, 'There is a problem')
      assert.include(refused.text, message)
    }
    // "No" ignores whatever was left in the hidden times.
    await browser.submit('/sign-up/topics', { skip: '1' })
    await browser.submit('/sign-up/schemes', { skip: '1' })
    await browser.submit('/sign-up/channels', { skip: '1' })
    await browser.submit('/sign-up/priority', { skip: '1' })
    await browser.submit('/sign-up/quiet-time', { wantsQuietTime: 'no', quietFrom: 'late' })
    const refusedAbout = await browser.submit('/sign-up/about-you', { ageBand: 'ancient' })
    assert.include(refusedAbout.text, 'Choose an age group from the list, or leave it unanswered')
    const check = await browser.submit('/sign-up/about-you', { skip: '1' })
    assert.equal(path(check), '/sign-up/check')
    assert.equal(answer(check, 'quiet-time'), 'None: alerts can come at any time')
    assert.equal(
      await db
        .from('residents')
        .count('* as total')
        .first()
        .then((r) => Number(r.total)),
      0
    )
  })

  test('questions with nothing to choose are not asked, and a change from the check page returns to it', async ({
    assert,
  }) => {
    const { central, abbey } = await seedAreas()
    await createOrganisation('Northshire Police')
    const burglary = await createInterest('Burglary')
    const street = await createScheme('Market Street Watch', 'neighbourhood_watch', central)
    const browser = new BrowserLikeSession()
    assert.equal(path(await browser.get('/sign-up/topics')), '/sign-up', 'nothing answered yet')
    await browser.submit('/sign-up/ward', { wardId: abbey.id })
    assert.equal(path(await browser.get('/sign-up/priority')), '/sign-up/contact')

    // Email only, and no scheme near Abbey: no channel or scheme question.
    const topics = await browser.submit('/sign-up/contact', { name: 'Ada', email: uniqueEmail() })
    assert.equal(path(topics), '/sign-up/topics')
    const priority = await browser.submit('/sign-up/topics', { skip: '1' })
    assert.equal(path(priority), '/sign-up/priority')
    assert.equal(backLink(priority), '/sign-up/topics')
    assert.equal(path(await browser.get('/sign-up/schemes')), '/sign-up/priority')
    assert.equal(path(await browser.get('/sign-up/channels')), '/sign-up/priority')
    await browser.submit('/sign-up/priority', { priorityThreshold: '2' })
    await browser.submit('/sign-up/quiet-time', { wantsQuietTime: 'no' })
    const check = await browser.submit('/sign-up/about-you', { skip: '1' })
    assert.equal(path(check), '/sign-up/check')
    assert.notInclude(check.text, 'id="answer-schemes"')
    assert.notInclude(check.text, 'id="answer-channels"')

    const changed = await browser.submit('/sign-up/topics', {
      'interestIds[]': String(burglary.id),
    })
    assert.equal(path(changed), '/sign-up/check')
    assert.equal(answer(changed, 'topics'), 'Burglary')

    // Moving to Central brings its scheme's question, then back to the check page.
    const schemes = await browser.submit('/sign-up/ward', { wardId: central.id })
    assert.equal(path(schemes), '/sign-up/schemes')
    const back = await browser.submit('/sign-up/schemes', { 'schemeIds[]': String(street.id) })
    assert.equal(path(back), '/sign-up/check')
    assert.equal(
      answer(back, 'schemes'),
      'Market Street Watch The scheme’s coordinator will confirm you are a member.'
    )

    // And moving away again drops the scheme that no longer covers where they live.
    await browser.submit('/sign-up/ward', { wardId: abbey.id })
    const moved = await browser.get('/sign-up/check')
    assert.notInclude(moved.text, 'Market Street Watch')
  })
})
