import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import type Alert from '#models/messaging/alert'
import type Resident from '#models/residents/resident'
import type { Rating } from '#models/engagement/alert_rating'
import { LONDON } from '#services/platform/infrastructure/london_time'
import { sqlTime } from '#services/platform/infrastructure/sql_time'
import { alertFor } from '#tests/helpers/archive_fixtures'
import { createOrganisation, createResident, createStaff, seedAreas } from '#tests/helpers/fixtures'
import { signInStaff } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'

async function rate(
  alert: Alert,
  resident: Resident,
  rating: Rating,
  at: DateTime,
  comment: string | null = null
) {
  await db.table('alert_ratings').insert({
    alert_id: alert.id,
    resident_id: resident.id,
    organisation_id: alert.organisationId,
    rating,
    comment,
    created_at: sqlTime(at),
    updated_at: sqlTime(at),
  })
}

/** The figures of one row of a table, by its data-month (or the section's data-rating-count cells). */
function monthRow(html: string, month: string) {
  const row = html.match(
    new RegExp(`<tr class="govuk-table__row" data-month="${month}">([\\s\\S]*?)</tr>`)
  )
  if (!row) throw new Error(`No row for ${month}`)
  const cells = [...row[1].matchAll(/data-rating="([a-z_]+)">(?:<strong>)?(\d+)/g)]
  return Object.fromEntries(cells.map((cell) => [cell[1], Number(cell[2])]))
}

function alertCounts(html: string) {
  const cells = [...html.matchAll(/data-rating-count="([a-z_]+)">(\d+)</g)]
  return Object.fromEntries(cells.map((cell) => [cell[1], Number(cell[2])]))
}

function comments(html: string) {
  return [...html.matchAll(/<p class="govuk-body beacon-preserve-lines">([^<]*)<\/p>/g)].map(
    (match) => match[1]
  )
}

const monthName = (month: DateTime) => month.setLocale('en-GB').toFormat('LLLL yyyy')

/**
 * By hand: the police's "Sheds" alert has 12 ratings this month (5 useful, 3 not useful,
 * 4 avoided crime), "Vans" 3 last month (1 useful, 2 not useful), "Scam" 2 four months ago
 * (both avoided crime). The fire service's 4 ratings this month are never the police's.
 */
async function fixtures() {
  const { central } = await seedAreas()
  const police = await createOrganisation('Lincolnshire Police')
  const fire = await createOrganisation('Lincolnshire Fire and Rescue')
  const residents: Resident[] = []
  for (let index = 0; index < 12; index++) {
    residents.push(await createResident(central, [police, fire]))
  }
  const sheds = await alertFor(police, [central], { title: 'Sheds' })
  const vans = await alertFor(police, [central], { title: 'Vans' })
  const scam = await alertFor(police, [central], { title: 'Scam' })
  const smoke = await alertFor(fire, [central], { title: 'Smoke alarms' })

  const thisMonth = DateTime.now().setZone(LONDON).startOf('month')
  const early = thisMonth.plus({ hours: 12 })
  for (const [index, resident] of residents.entries()) {
    const rating: Rating = index < 5 ? 'useful' : index < 8 ? 'not_useful' : 'avoided_crime'
    const comment = index === 3 ? '<i>Lock</i> & <b>chain</b>' : `Comment ${index}`
    await rate(sheds, resident, rating, early.plus({ minutes: index }), comment)
  }
  const lastMonth = thisMonth.minus({ months: 1 }).plus({ days: 14 })
  await rate(vans, residents[0], 'useful', lastMonth)
  await rate(vans, residents[1], 'not_useful', lastMonth)
  await rate(vans, residents[2], 'not_useful', lastMonth)
  const fourMonthsAgo = thisMonth.minus({ months: 4 }).plus({ days: 14 })
  await rate(scam, residents[3], 'avoided_crime', fourMonthsAgo)
  await rate(scam, residents[4], 'avoided_crime', fourMonthsAgo)
  for (const resident of residents.slice(0, 4)) await rate(smoke, resident, 'useful', early)
  return { police, fire, sheds, thisMonth }
}

test.group('Rating figures for staff', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('the alert page counts each rating and pages through the comments, shown as text', async ({
    assert,
  }) => {
    const { police, sheds } = await fixtures()
    const browser = await signInStaff(await createStaff(police, 'analyst'))

    const page = await browser.get(`/staff/alerts/${sheds.id}`)
    assert.equal(page.status, 200)
    assert.include(page.text, 'What residents thought')
    assert.deepEqual(alertCounts(page.text), {
      useful: 5,
      not_useful: 3,
      avoided_crime: 4,
      total: 12,
    })
    assert.include(page.text, '12 comments, newest first: page 1 of 2.')
    assert.deepEqual(comments(page.text), [
      'Comment 11',
      'Comment 10',
      'Comment 9',
      'Comment 8',
      'Comment 7',
      'Comment 6',
      'Comment 5',
      'Comment 4',
      '&lt;i&gt;Lock&lt;/i&gt; &amp; &lt;b&gt;chain&lt;/b&gt;',
      'Comment 2',
    ])
    assert.include(page.text, `href="/staff/alerts/${sheds.id}?comments_page=2#ratings"`)

    const second = await browser.get(`/staff/alerts/${sheds.id}?comments_page=2`)
    assert.deepEqual(comments(second.text), ['Comment 1', 'Comment 0'])
    assert.include(second.text, 'page 2 of 2')
    const beyond = await browser.get(`/staff/alerts/${sheds.id}?comments_page=9`)
    assert.deepEqual(comments(beyond.text), ['Comment 1', 'Comment 0'])
    const nonsense = await browser.get(`/staff/alerts/${sheds.id}?comments_page=x`)
    assert.include(nonsense.text, 'page 1 of 2')

    // An alert nobody rated says so.
    const quiet = await alertFor(police, [], { title: 'Quiet' })
    const empty = await browser.get(`/staff/alerts/${quiet.id}`)
    assert.include(empty.text, 'No resident has rated this alert yet.')
  })

  test('the organisation’s figures by month match the hand count, for the period picked', async ({
    assert,
  }) => {
    const { police, thisMonth } = await fixtures()
    const browser = await signInStaff(await createStaff(police, 'sender'))
    const months = [0, 1, 2, 3, 4, 5].map((back) => monthName(thisMonth.minus({ months: back })))
    const zero = { useful: 0, not_useful: 0, avoided_crime: 0, total: 0 }

    const three = await browser.get('/staff/reports/ratings?months=3')
    assert.include(three.text, '15 ratings of 2 alerts in the last 3 months.')
    assert.deepEqual(monthRow(three.text, months[0]), {
      useful: 5,
      not_useful: 3,
      avoided_crime: 4,
      total: 12,
    })
    assert.deepEqual(monthRow(three.text, months[1]), {
      useful: 1,
      not_useful: 2,
      avoided_crime: 0,
      total: 3,
    })
    assert.deepEqual(monthRow(three.text, months[2]), zero)
    assert.notInclude(three.text, `data-month="${months[3]}"`)
    assert.deepEqual(monthRow(three.text, 'total'), {
      useful: 6,
      not_useful: 5,
      avoided_crime: 4,
      total: 15,
    })

    const six = await browser.get('/staff/reports/ratings?months=6')
    assert.include(six.text, '17 ratings of 3 alerts in the last 6 months.')
    assert.deepEqual(monthRow(six.text, months[4]), {
      useful: 0,
      not_useful: 0,
      avoided_crime: 2,
      total: 2,
    })
    assert.deepEqual(monthRow(six.text, 'total'), {
      useful: 6,
      not_useful: 5,
      avoided_crime: 6,
      total: 17,
    })
    // The oldest month first, this one last.
    assert.isBelow(six.text.indexOf(months[5]), six.text.indexOf(months[0]))

    // An edited address gets the default period, and is told.
    const edited = await browser.get('/staff/reports/ratings?months=7')
    assert.include(edited.text, 'The period in the page address was not recognised')
    assert.include(edited.text, '17 ratings of 3 alerts in the last 12 months.')
  })

  test('another organisation’s staff are refused the alert’s ratings and see only their own', async ({
    assert,
  }) => {
    const { fire, sheds, thisMonth } = await fixtures()
    const browser = await signInStaff(await createStaff(fire, 'admin'))

    const page = await browser.get(`/staff/alerts/${sheds.id}`)
    assert.equal(page.status, 403)
    assert.notInclude(page.text, 'Comment 11')
    const second = await browser.get(`/staff/alerts/${sheds.id}?comments_page=2`)
    assert.equal(second.status, 403)

    const report = await browser.get('/staff/reports/ratings')
    assert.include(report.text, '4 ratings of 1 alert in the last 12 months.')
    assert.deepEqual(monthRow(report.text, monthName(thisMonth)), {
      useful: 4,
      not_useful: 0,
      avoided_crime: 0,
      total: 4,
    })
  })

  test('an organisation without ratings is told where they come from', async ({ assert }) => {
    const organisation = await createOrganisation('Parish council')
    const browser = await signInStaff(await createStaff(organisation, 'admin'))
    const report = await browser.get('/staff/reports/ratings')
    assert.include(report.text, 'No resident rated an alert in the last 12 months.')
    assert.include(report.text, 'use the links at the end of your alerts’ emails')
  })
})
