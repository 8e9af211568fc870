import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import AlertShareLinks from '#services/engagement/alert_share_links'
import ForwardFigures from '#services/engagement/forward_figures'
import ResidentErasure from '#services/residents/privacy/resident_erasure'
import ResidentDataExport from '#services/residents/privacy/resident_data_export'
import { createOrganisation, createStaff, uniqueEmail } from '#tests/helpers/fixtures'
import { BrowserLikeSession } from '#tests/helpers/http'
import { ratingWorld } from '#tests/helpers/rating_fixtures'
import { skipOptionalQuestions } from '#tests/helpers/sign_up_fixtures'
import { smtpSink } from '#tests/helpers/smtp_sink'
import { signInStaff } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import { sqlTime } from '#services/platform/infrastructure/sql_time'

const BROWSER = { 'User-Agent': 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0' }

function shareAction(html: string) {
  const action = /<form method="POST" action="([^"]+)"/.exec(html)?.[1]
  if (!action) throw new Error('No share form')
  return action.replaceAll('&amp;', '&')
}

function forwardLink(html: string) {
  const link = /id="share-link" type="text" readonly value="([^"]+)"/.exec(html)?.[1]
  if (!link) throw new Error('No forward link')
  return new URL(link).pathname
}

test.group('Sharing an alert with a neighbour', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('a resident’s link and an emailed forward are counted with the people they reached and the sign-ups', async ({
    assert,
  }) => {
    const { central, organisation, resident, alert } = await ratingWorld()
    const sharer = new BrowserLikeSession({ headers: BROWSER })
    const page = await sharer.get(AlertShareLinks.page(resident.id, alert.id))
    assert.equal(page.status, 200)
    assert.include(page.text, 'Share this alert with a neighbour')
    assert.include(page.text, 'value="Ada Quennell"', 'their name is offered')
    const link = forwardLink(page.text)
    // Opening the share page again gives the same link.
    assert.equal(
      forwardLink((await sharer.get(AlertShareLinks.page(resident.id, alert.id))).text),
      link
    )

    const neighbour = uniqueEmail('neighbour')
    const sent = await sharer.post(shareAction(page.text), {
      email: neighbour,
      fromName: 'Ada',
    })
    assert.include(sent.text, 'We have emailed the alert to')
    const mail = await smtpSink.waitForMail(neighbour)
    assert.equal(mail.subject, 'Ada shared an alert from Lincolnshire Police: Sheds broken into')
    assert.include(mail.text, 'We have not kept your address')
    const emailedPath = new URL(/http:\/\/\S+\/f\/[2-9A-Z]{10}/.exec(mail.text)![0]).pathname
    assert.notEqual(emailedPath, link)

    // Nobody opened the link yet: only the email counts as a forward.
    assert.deepInclude(await ForwardFigures.forAlert(alert.id), {
      forwards: 1,
      byEmail: 1,
      byLink: 0,
    })

    // The sharer opening their own link is not a neighbour reached.
    await sharer.get(link)
    // Two neighbours open the link; one of them twice, and also opens the emailed forward.
    const first = new BrowserLikeSession({ headers: BROWSER })
    const opened = await first.get(link)
    assert.include(opened.text, 'A neighbour shared this alert with you.')
    assert.include(opened.text, 'Sheds broken into')
    await first.get(link)
    await first.get(emailedPath)
    const second = new BrowserLikeSession({ headers: BROWSER })
    await second.get(link)
    // A link preview fetcher is nobody.
    await new BrowserLikeSession({ headers: { 'User-Agent': 'WhatsApp/2.23.20.0' } }).get(link)

    // The second neighbour signs up from it and confirms.
    const email = uniqueEmail('from-forward')
    await second.get(`/sign-up?organisation=${organisation.slug}`)
    await second.submit('/sign-up/ward', { wardId: central.id })
    await skipOptionalQuestions(
      second,
      await second.submit('/sign-up/contact', { name: 'Bo', email })
    )
    await second.post('/sign-up')
    const row = await db.from('residents').where('email', email).first()
    assert.match(row.referral, /^forward:\d+$/)
    const confirmation = await smtpSink.waitForMail(email)
    const confirmPath = new URL(/http:\/\/\S+\/confirm\/[A-Za-z0-9_-]+/.exec(confirmation.text)![0])
      .pathname
    await second.get(confirmPath)
    await second.post(confirmPath)

    assert.deepEqual(await ForwardFigures.forAlert(alert.id), {
      forwards: 2,
      byEmail: 1,
      byLink: 1,
      reached: 2,
      signedUp: 1,
    })
    const staff = await signInStaff(await createStaff(organisation, 'analyst'))
    const report = await staff.get('/staff/reports/forwards')
    assert.include(report.text, '2 forwards reached 2 extra people; 1 signed up.')
    const sender = await signInStaff(await createStaff(organisation, 'sender'))
    const alertPage = await sender.get(`/staff/alerts/${alert.id}`)
    assert.include(alertPage.text, '2 forwards reached 2 extra people; 1 signed up.')

    // Another organisation sees none of it.
    const other = await createOrganisation('Northshire Fire')
    const otherStaff = await signInStaff(await createStaff(other, 'admin'))
    const otherReport = await otherStaff.get('/staff/reports/forwards')
    assert.include(otherReport.text, 'No resident shared an alert in the last 12 months.')
  })

  test('bad input is explained, and a forged or expired link shares nothing', async ({
    assert,
  }) => {
    const { resident, alert } = await ratingWorld()
    const browser = new BrowserLikeSession({ headers: BROWSER })
    const page = await browser.get(AlertShareLinks.page(resident.id, alert.id))
    const action = shareAction(page.text)
    for (const [fields, message] of [
      [{ email: '', fromName: 'Ada' }, 'Enter your neighbour’s email address'],
      [
        { email: 'not-an-address', fromName: 'Ada' },
        'Enter an email address in the correct format',
      ],
      [
        { email: 'bo@example.net', fromName: '' },
        'Enter your name, so your neighbour knows who sent it',
      ],
      [{ email: 'bo@example.net', fromName: 'Win at www.prize.example' }, 'Enter your name only'],
      [
        { email: 'bo@example.net', fromName: 'A'.repeat(61) },
        'Your name must be 60 characters or fewer',
      ],
    ] as const) {
      const refused = await browser.post(action, fields)
      assert.include(refused.text, 'There is a problem')
      assert.include(refused.text, message)
    }
    assert.equal(
      Number((await db.from('alert_forwards').where('kind', 'email').count('* as n').first()).n),
      0
    )

    const forged = await browser.get(
      AlertShareLinks.page(resident.id + 1, alert.id).replace(
        `/${resident.id + 1}/`,
        `/${resident.id}/`
      )
    )
    assert.equal(forged.status, 404)
    assert.include(forged.text, 'This link is not valid')
    const expired = await browser.get(AlertShareLinks.page(resident.id, alert.id, '2020-01-01'))
    assert.equal(expired.status, 410)
    assert.include(expired.text, 'This link has expired')
    const unknown = await browser.get('/f/ABCDEFGHJK')
    assert.equal(unknown.status, 404)
    assert.include(unknown.text, 'This shared alert was not found')
  })

  test('a resident may have 10 emails sent a day', async ({ assert }) => {
    const { resident, alert } = await ratingWorld()
    const browser = new BrowserLikeSession({ headers: BROWSER })
    const action = shareAction(
      (await browser.get(AlertShareLinks.page(resident.id, alert.id))).text
    )
    for (let sent = 0; sent < 10; sent++) {
      await db.table('alert_forwards').insert({
        alert_id: alert.id,
        organisation_id: alert.organisationId,
        resident_id: resident.id,
        kind: 'email',
        code: `TESTCODE2${'23456789AB'[sent]}`,
        created_at: sqlTime(),
      })
    }
    const refused = await browser.post(action, { email: 'bo@example.net', fromName: 'Ada' })
    assert.include(refused.text, 'You have shared 10 alerts by email today')
    assert.include(refused.text, 'value="bo@example.net"', 'the answer is kept')
  })

  test('forwards are in the sharer’s data download, and erasure forgets who shared but keeps the count', async ({
    assert,
  }) => {
    const { resident, alert } = await ratingWorld()
    const browser = new BrowserLikeSession({ headers: BROWSER })
    const link = forwardLink((await browser.get(AlertShareLinks.page(resident.id, alert.id))).text)
    await new BrowserLikeSession({ headers: BROWSER }).get(link)

    const data = await ResidentDataExport.collect(resident.id)
    assert.deepEqual(
      (data as any).alertForwards.map((row: any) => [row.alert, row.how]),
      [['Sheds broken into', 'Your own link']]
    )
    await ResidentErasure.erase(resident.id)
    const rows = await db.from('alert_forwards').where('alert_id', alert.id)
    assert.deepEqual(
      rows.map((row) => row.resident_id),
      [null]
    )
    assert.deepInclude(await ForwardFigures.forAlert(alert.id), { forwards: 1, reached: 1 })
  })
})
