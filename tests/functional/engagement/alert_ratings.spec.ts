import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { signedUrlFor } from '@adonisjs/core/services/url_builder'
import Alert from '#models/messaging/alert'
import AlertLinks from '#services/messaging/alert_links'
import AlertDispatcher from '#services/messaging/delivery/alert_dispatcher'
import AlertRatingLinks from '#services/engagement/alert_rating_links'
import type { Rating } from '#models/engagement/alert_rating'
import ResidentDataExport from '#services/residents/privacy/resident_data_export'
import ResidentErasure from '#services/residents/privacy/resident_erasure'
import { BrowserLikeSession } from '#tests/helpers/http'
import { smtpSink } from '#tests/helpers/smtp_sink'
import { sendsFinished } from '#tests/helpers/queues'
import { alertFor } from '#tests/helpers/archive_fixtures'
import { countRows, createOrganisation, createResident, seedAreas } from '#tests/helpers/fixtures'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import env from '#start/env'
import {
  alertTo,
  residentOf,
  seedSelfService,
  signedInAs,
} from '#tests/helpers/self_service_fixtures'

/** The action of the page's rating form, or with `'comment'` of its comment form. */
function formAction(html: string, form: 'rating' | 'comment' = 'rating') {
  const actions = [...html.matchAll(/<form method="POST" action="([^"]+)"/g)].map((match) =>
    match[1].replaceAll('&amp;', '&')
  )
  const action = actions.find(
    (candidate) => candidate.includes('/comment?') === (form === 'comment')
  )
  if (!action) throw new Error(`No ${form} form in:\n${html.slice(0, 3000)}`)
  return action
}

function checkedRating(html: string) {
  return html.match(/name="rating" type="radio" value="([a-z_]+)" checked/)?.[1] ?? null
}

/** The email's link for one choice. */
function linkFor(residentId: number, alertId: number, rating: Rating, expires?: string) {
  return AlertRatingLinks.choices(residentId, alertId, expires)[rating]
}

async function ratingsOf(residentId: number) {
  return db.from('alert_ratings').where('resident_id', residentId).select('rating', 'comment')
}

async function world() {
  const { central } = await seedAreas()
  const organisation = await createOrganisation('Lincolnshire Police')
  const resident = await createResident(central, [organisation], { name: 'Ada Quennell' })
  const neighbour = await createResident(central, [organisation])
  const alert = await alertFor(organisation, [central], { title: 'Sheds broken into' })
  return { central, organisation, resident, neighbour, alert }
}

test.group('Rating an alert from its links', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('a link only shows the choice; the button records it, and later links change it', async ({
    assert,
  }) => {
    const { resident, alert } = await world()
    const browser = new BrowserLikeSession()

    // A mail scanner opening the link records nothing.
    const page = await browser.get(linkFor(resident.id, alert.id, 'useful'))
    assert.equal(page.status, 200)
    assert.include(page.text, 'Rate this alert')
    // A published alert: its public page, with the choices below its text.
    assert.include(page.text, '<h1 class="govuk-heading-l">Sheds broken into</h1>')
    assert.include(
      page.text,
      `<link rel="canonical" href="${env.get('APP_URL')}/alerts/${alert.id}">`
    )
    assert.equal(checkedRating(page.text), 'useful')
    assert.equal(await countRows('alert_ratings'), 0)

    const rated = await browser.post(formAction(page.text), { rating: 'useful' })
    assert.include(rated.text, 'Thank you: you rated this alert “Useful”.')
    assert.include(rated.text, 'You rated this alert')
    assert.deepEqual(await ratingsOf(resident.id), [{ rating: 'useful', comment: null }])

    // Another of the alert's links changes the one rating.
    const other = await browser.get(linkFor(resident.id, alert.id, 'avoided_crime'))
    assert.include(other.text, 'You rated it “Useful”. You can change your rating.')
    assert.equal(checkedRating(other.text), 'avoided_crime')
    const changed = await browser.post(formAction(other.text), { rating: 'avoided_crime' })
    assert.include(changed.text, 'This helped me avoid becoming a victim of crime')
    assert.deepEqual(await ratingsOf(resident.id), [{ rating: 'avoided_crime', comment: null }])

    // The first link, used again, is still this resident's own choice: it changes it back.
    const again = await browser.get(linkFor(resident.id, alert.id, 'useful'))
    assert.include(again.text, 'You rated it “This helped me avoid becoming a victim of crime”.')
    await browser.post(formAction(again.text), { rating: 'useful' })
    assert.deepEqual(await ratingsOf(resident.id), [{ rating: 'useful', comment: null }])

    // The public page itself, the same for everyone, offers no rating.
    const archive = await new BrowserLikeSession().get(`/alerts/${alert.id}`)
    assert.equal(archive.status, 200)
    assert.notInclude(archive.text, 'Rate this alert')
    assert.notInclude(archive.text, '/ratings/')

    // No choice posted: the page says what to do, and the rating stays.
    const empty = await browser.post(formAction(again.text), {})
    assert.include(empty.text, 'Choose what you thought of this alert')
    assert.equal(await countRows('alert_ratings'), 1)
  })

  test('a comment follows the rating, and HTML in it is shown as text', async ({ assert }) => {
    const { resident, alert } = await world()
    const browser = new BrowserLikeSession()
    const page = await browser.get(linkFor(resident.id, alert.id, 'not_useful'))
    const rated = await browser.post(formAction(page.text), { rating: 'not_useful' })

    const tooLong = await browser.post(formAction(rated.text, 'comment'), {
      comment: 'x'.repeat(1001),
    })
    assert.include(tooLong.text, 'Your comment must be 1000 characters or fewer')
    const blank = await browser.post(formAction(tooLong.text, 'comment'), { comment: '   ' })
    assert.include(blank.text, 'Write your comment, or leave the page if you have none')
    assert.deepEqual(await ratingsOf(resident.id), [{ rating: 'not_useful', comment: null }])

    const comment = '<script>alert("x")</script> <b>Too late</b>: the sheds were already empty'
    const done = await browser.post(formAction(blank.text, 'comment'), { comment })
    assert.include(done.text, 'Thank you for your comment.')
    assert.include(
      done.text,
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &lt;b&gt;Too late&lt;/b&gt;'
    )
    assert.notInclude(done.text, '<b>Too late</b>')
    assert.deepEqual(await ratingsOf(resident.id), [{ rating: 'not_useful', comment }])

    // Changing the rating keeps the comment.
    await browser.post(formAction(done.text), { rating: 'useful' })
    assert.deepEqual(await ratingsOf(resident.id), [{ rating: 'useful', comment }])
  })

  test('forged, altered, borrowed and expired links get a clear page and record nothing', async ({
    assert,
  }) => {
    const { resident, neighbour, alert, organisation, central } = await world()
    const otherAlert = await alertFor(organisation, [central])
    const browser = new BrowserLikeSession()
    const link = linkFor(resident.id, alert.id, 'useful')
    const signature = new URL(link).searchParams.get('signature')!

    const expires = AlertRatingLinks.expiry()
    const invalid = [
      link.replace(`/ratings/${resident.id}/`, `/ratings/${neighbour.id}/`),
      link.replace(`/alerts/${alert.id}/`, `/alerts/${otherAlert.id}/`),
      // A link made to last longer is forged too.
      link.replace(`/${expires}?`, '/2099-12-31?'),
      link.replace(/signature=.*/, 'signature=forged'),
      link.replace(/\?signature=.*/, ''),
      // Another link's signature, and a signature for this path made for another purpose.
      link.replace(
        signature,
        new URL(AlertLinks.unsubscribePage(resident.id)).searchParams.get('signature')!
      ),
      signedUrlFor('alert_ratings.show', { alertId: alert.id, residentId: resident.id, expires }),
    ]
    for (const address of invalid) {
      const page = await browser.get(address)
      assert.equal(page.status, 404, address)
      assert.include(page.text, 'This link is not valid')
      assert.include(page.text, 'Nothing was recorded.')
    }

    // The choice is outside the signature: another one only changes what the page offers first.
    const otherChoice = await browser.get(link.replace('choice=useful', 'choice=not-useful'))
    assert.equal(otherChoice.status, 200)
    assert.equal(checkedRating(otherChoice.text), 'not_useful')
    assert.equal(await countRows('alert_ratings'), 0)

    const expired = await browser.get(linkFor(resident.id, alert.id, 'useful', '2026-01-31'))
    assert.equal(expired.status, 410)
    assert.include(expired.text, 'This link has expired')

    // Posting to the form's address altered for another resident, or expired, with a good CSRF token.
    const page = await browser.get(link)
    const action = formAction(page.text)
    const forged = await browser.post(
      action.replace(`/ratings/${resident.id}/`, `/ratings/${neighbour.id}/`),
      {
        rating: 'useful',
      }
    )
    assert.equal(forged.status, 404)
    const late = await browser.post(AlertRatingLinks.page(resident.id, alert.id, '2026-01-31'), {
      rating: 'useful',
    })
    assert.equal(late.status, 410)
    assert.equal(await countRows('alert_ratings'), 0)

    // A test send's links are for nobody.
    const testSend = await browser.get(linkFor(0, alert.id, 'useful'))
    assert.include(testSend.text, 'This was a test alert')
    assert.equal(await countRows('alert_ratings'), 0)
  })

  test('the email carries each resident’s own three links, which lead to their rating', async ({
    assert,
  }) => {
    const { central, organisation, resident, neighbour } = await world()
    const alert = await Alert.create({
      organisationId: organisation.id,
      title: 'Rated by email',
      body: 'Lock your shed.',
      priority: 3,
      isPublic: false,
      status: 'sending',
      criteria: { areaIds: [central.id] },
    })
    await AlertDispatcher.dispatch(alert.id)
    const mail = await smtpSink.waitForMail(resident.email!, (received) =>
      received.subject.includes('Rated by email')
    )
    const theirs = await smtpSink.waitForMail(neighbour.email!, (received) =>
      received.subject.includes('Rated by email')
    )
    await sendsFinished('email')

    assert.include(mail.text, 'Was this alert useful? Tell us with one click:')
    const links = [...mail.text.matchAll(/^(.+): (http:\/\/\S+\/ratings\/\S+)$/gm)].map((m) => [
      m[1],
      m[2],
    ])
    assert.deepEqual(
      links.map(([label]) => label),
      ['Useful', 'Not useful', 'This helped me avoid becoming a victim of crime']
    )
    for (const [, url] of links) {
      assert.include(url, `/alerts/${alert.id}/ratings/${resident.id}/`)
      assert.include(mail.html, url.replaceAll('&', '&amp;'))
      assert.notInclude(theirs.text, url)
    }
    assert.notInclude(mail.html, '%%LINK_')

    // The alert is not published: the link opens a page of its own, with the alert's text.
    const browser = new BrowserLikeSession()
    const page = await browser.get(links[2][1])
    assert.include(page.text, '<h1 class="govuk-heading-l">Rated by email</h1>')
    assert.include(page.text, 'Lock your shed.')
    assert.notInclude(page.text, 'All alerts')
    assert.equal(checkedRating(page.text), 'avoided_crime')
    await browser.post(formAction(page.text), { rating: 'avoided_crime' })
    assert.deepEqual(await ratingsOf(resident.id), [{ rating: 'avoided_crime', comment: null }])
  })

  test('the resident’s list of alerts received offers the same links, for them alone', async ({
    assert,
  }) => {
    const place = await seedSelfService()
    const resident = await residentOf(place)
    const alert = await alertTo(resident, place.opcc, 'Sheds broken into')
    const browser = await signedInAs(resident)

    const received = await browser.get('/my-alerts/received')
    assert.include(received.text, 'Was this alert useful? Tell us with one click:')
    const links = [...received.text.matchAll(/<a class="govuk-link" href="([^"]+)">([^<]+)</g)]
      .filter((match) => match[1].includes('/ratings/'))
      .map((match) => ({ url: match[1].replaceAll('&amp;', '&'), label: match[2] }))
    assert.deepEqual(
      links.map((link) => link.label),
      ['Useful', 'Not useful', 'This helped me avoid becoming a victim of crime']
    )
    assert.include(links[1].url, `/alerts/${alert.id}/ratings/${resident.id}/`)

    const page = await browser.get(links[1].url)
    assert.equal(checkedRating(page.text), 'not_useful')
    await browser.post(formAction(page.text), { rating: 'not_useful' })
    assert.deepEqual(await ratingsOf(resident.id), [{ rating: 'not_useful', comment: null }])
  })

  test('ratings are in the resident’s data download and go on erasure, with their links', async ({
    assert,
  }) => {
    const { resident, neighbour, alert } = await world()
    for (const [who, rating] of [
      [resident, 'not_useful'],
      [neighbour, 'useful'],
    ] as const) {
      const browser = new BrowserLikeSession()
      const page = await browser.get(linkFor(who.id, alert.id, rating))
      const rated = await browser.post(formAction(page.text), { rating })
      if (who === resident) {
        await browser.post(formAction(rated.text, 'comment'), { comment: 'Too vague to act on' })
      }
    }

    const data = await ResidentDataExport.collect(resident.id)
    const ratings = data.alertRatings as Record<string, unknown>[]
    assert.lengthOf(ratings, 1)
    assert.deepInclude(ratings[0], {
      alert: 'Sheds broken into',
      from: 'Lincolnshire Police',
      rating: 'Not useful',
      comment: 'Too vague to act on',
    })
    assert.match(String(ratings[0].ratedAt), /^\d{4}-\d{2}-\d{2}T/)
    assert.include(ResidentDataExport.toCsv(data), 'alertRatings,1,comment,Too vague to act on')

    await ResidentErasure.erase(resident.id)
    assert.deepEqual(await ratingsOf(resident.id), [])
    assert.deepEqual(await ratingsOf(neighbour.id), [{ rating: 'useful', comment: null }])

    // Their old link records nothing and brings nothing back.
    const browser = new BrowserLikeSession()
    const page = await browser.get(linkFor(resident.id, alert.id, 'useful'))
    assert.equal(page.status, 404)
    assert.include(page.text, 'This link is not valid')
    assert.equal(await countRows('alert_ratings'), 1)
  })
})
