import { test } from '@japa/runner'
import { sendAlertAndRead } from '#tests/helpers/alert_emails'
import { signedUrlFor } from '@adonisjs/core/services/url_builder'
import AlertLinks from '#services/messaging/alert_links'
import AlertRatingLinks from '#services/engagement/alert_rating_links'
import { BrowserLikeSession } from '#tests/helpers/http'
import { smtpSink } from '#tests/helpers/smtp_sink'
import { alertFor } from '#tests/helpers/archive_fixtures'
import limiter from '@adonisjs/limiter/services/main'
import { countRows, createStaff } from '#tests/helpers/fixtures'
import { signInStaff } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import env from '#start/env'
import {
  checkedRating,
  formAction,
  linkFor,
  ratingsOf,
  ratingWorld,
} from '#tests/helpers/rating_fixtures'

test.group('Rating an alert from its links', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('a link only shows the choice; the button records it, and later links change it', async ({
    assert,
  }) => {
    const { resident, alert } = await ratingWorld()
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
    const { resident, alert } = await ratingWorld()
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
    const { resident, neighbour, alert, organisation, central } = await ratingWorld()
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
    const { central, organisation, resident, neighbour } = await ratingWorld()
    const {
      alert,
      mails: [mail, theirs],
    } = await sendAlertAndRead(
      {
        organisationId: organisation.id,
        areaIds: [central.id],
        title: 'Rated by email',
        body: 'Lock your shed.',
      },
      [resident.email!, neighbour.email!]
    )

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

  test('a staff member’s test of an alert carries links that say so and record nothing', async ({
    assert,
  }) => {
    await limiter.clear()
    const { organisation, central } = await ratingWorld()
    const member = await createStaff(organisation, 'sender')
    const draft = await alertFor(organisation, [central], { title: 'Drafted', status: 'draft' })
    const staff = await signInStaff(member)
    await staff.post(`/staff/alerts/${draft.id}/test`)
    const mail = await smtpSink.waitForMail(member.email, (received) =>
      received.subject.includes('[TEST] Drafted')
    )
    const link = mail.text.match(/^Useful: (http:\/\/\S+)$/m)![1]
    assert.include(link, `/alerts/${draft.id}/ratings/0/`)

    const page = await new BrowserLikeSession().get(link)
    assert.include(page.text, 'This was a test alert')
    assert.notInclude(page.text, 'Send my rating')
    assert.equal(await countRows('alert_ratings'), 0)
  })
})
