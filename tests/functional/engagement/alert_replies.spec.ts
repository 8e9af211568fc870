import { test } from '@japa/runner'
import config from '@adonisjs/core/services/config'
import limiter from '@adonisjs/limiter/services/main'
import AlertLinks from '#services/messaging/alert_links'
import AlertRatingLinks from '#services/engagement/alert_rating_links'
import ReplyLinks from '#services/engagement/replies/reply_links'
import { BrowserLikeSession } from '#tests/helpers/http'
import { smtpSink } from '#tests/helpers/smtp_sink'
import { alertFor } from '#tests/helpers/archive_fixtures'
import { countRows, createStaff } from '#tests/helpers/fixtures'
import { signInStaff } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import {
  alertTo,
  residentOf,
  seedSelfService,
  signedInAs,
} from '#tests/helpers/self_service_fixtures'
import {
  messagesOf,
  replyAction,
  replyLink,
  replyWorld,
  replyWorldWithAlertEmail,
  threadOf,
} from '#tests/helpers/reply_fixtures'

test.group('Replying to an alert from its signed link', (group) => {
  group.each.setup(() => emptyTablesAfterwards())
  group.each.setup(() => limiter.clear())

  test('the email carries the resident’s own link; opening it records nothing, sending does', async ({
    assert,
  }) => {
    const { police, resident, alert, mail, neighbourMail } = await replyWorldWithAlertEmail({
      title: 'Replied to by email',
      body: 'Lock your shed.',
    })

    assert.include(mail.text, 'Something to tell the people who sent this alert?')
    const link = mail.text.match(/^Reply to the sender: (http:\/\/\S+)$/m)![1]
    assert.include(link, `/alerts/${alert.id}/replies/${resident.id}/`)
    assert.include(mail.html, `<a href="${link.replaceAll('&', '&amp;')}">Reply to the sender</a>`)
    assert.notInclude(neighbourMail.text, link)

    // A mail scanner opening the link records nothing.
    const browser = new BrowserLikeSession()
    const page = await browser.get(link)
    assert.equal(page.status, 200)
    assert.include(page.text, '<span class="govuk-caption-l">Reply to Lincolnshire Police</span>')
    assert.include(page.text, '<h1 class="govuk-heading-l">Replied to by email</h1>')
    assert.include(page.text, 'Lock your shed.')
    assert.include(page.text, 'Your reply')
    assert.equal(await countRows('alert_replies'), 0)

    const sent = await browser.post(replyAction(page.text), {
      body: 'I saw a white van at 2am.\nIt had no number plate.',
    })
    assert.equal(sent.status, 200)
    assert.include(
      sent.text,
      'Your reply was sent to Lincolnshire Police. Their answer will come to your email address.'
    )
    assert.include(sent.text, 'Your conversation')
    assert.include(sent.text, 'I saw a white van at 2am.\nIt had no number plate.')
    assert.include(sent.text, 'Write again')
    assert.deepEqual(await messagesOf(resident.id), [
      { author: 'resident', body: 'I saw a white van at 2am.\nIt had no number plate.' },
    ])
    assert.deepInclude(await threadOf(resident.id, alert.id), {
      state: 'new',
      assigned_to_id: null,
      organisation_id: police.id,
    })

    // Writing again adds to the same thread.
    await browser.post(replyAction(sent.text), { body: 'And it was blue, not white.' })
    assert.equal(await countRows('alert_replies'), 1)
    assert.lengthOf(await messagesOf(resident.id), 2)
  })

  test('a reply is checked and explained in plain English; HTML in it is shown as text', async ({
    assert,
  }) => {
    const { resident, alert } = await replyWorld()
    const browser = new BrowserLikeSession()
    const page = await browser.get(replyLink(resident.id, alert.id))

    const blank = await browser.post(replyAction(page.text), { body: '   ' })
    assert.include(blank.text, 'There is a problem')
    assert.include(blank.text, '<a href="#body">Write your reply</a>')
    assert.include(blank.text, '<span class="govuk-visually-hidden">Error:</span> Write your reply')

    const tooLong = await browser.post(replyAction(blank.text), { body: 'x'.repeat(2001) })
    assert.include(tooLong.text, 'Your reply must be 2000 characters or fewer')
    // What they wrote is kept for them to shorten.
    assert.include(tooLong.text, `>${'x'.repeat(2001)}</textarea>`)
    const missing = await browser.post(replyAction(tooLong.text), {})
    assert.include(missing.text, 'Write your reply')
    assert.equal(await countRows('alert_replies'), 0)

    const body = '<script>alert("x")</script> <b>Too late</b>: the sheds were already empty'
    const sent = await browser.post(replyAction(missing.text), { body: 'x'.repeat(2000) })
    assert.include(sent.text, 'Your reply was sent')
    const html = await browser.post(replyAction(sent.text), { body })
    assert.include(
      html.text,
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &lt;b&gt;Too late&lt;/b&gt;'
    )
    assert.notInclude(html.text, '<script>alert("x")</script>')
    assert.notInclude(html.text, '<b>Too late</b>')
    assert.deepEqual(
      (await messagesOf(resident.id)).map((message) => message.body),
      ['x'.repeat(2000), body]
    )
  })

  test('forged, altered, borrowed and expired links get a clear page and record nothing', async ({
    assert,
  }) => {
    const { police, resident, neighbour, alert, councilAlert } = await replyWorld()
    const browser = new BrowserLikeSession()
    const link = replyLink(resident.id, alert.id)
    const signature = new URL(link).searchParams.get('signature')!
    const expires = ReplyLinks.expiry()

    const invalid = [
      link.replace(`/replies/${resident.id}/`, `/replies/${neighbour.id}/`),
      link.replace(`/alerts/${alert.id}/`, `/alerts/${councilAlert.id}/`),
      // A link made to last longer is forged too.
      link.replace(`/${expires}?`, '/2099-12-31?'),
      link.replace(/signature=.*/, 'signature=forged'),
      link.replace(/\?signature=.*/, ''),
      // Another link's signature, and the rating link's signature for the same alert and resident.
      link.replace(
        signature,
        new URL(AlertLinks.unsubscribePage(resident.id)).searchParams.get('signature')!
      ),
      link.replace(
        signature,
        new URL(
          `http://x${AlertRatingLinks.page(resident.id, alert.id, expires)}`
        ).searchParams.get('signature')!
      ),
    ]
    for (const address of invalid) {
      const page = await browser.get(address)
      assert.equal(page.status, 404, address)
      assert.include(page.text, 'This link is not valid')
      assert.include(page.text, 'Nothing was recorded.')
      assert.notInclude(page.text, 'Send my reply')
    }

    const expired = await browser.get(replyLink(resident.id, alert.id, '2026-01-31'))
    assert.equal(expired.status, 410)
    assert.include(expired.text, 'This link has expired')
    assert.include(expired.text, 'Nothing was recorded.')

    // Posting to the form's address altered for another resident, or expired, with a good CSRF token.
    const page = await browser.get(link)
    const action = replyAction(page.text)
    const forged = await browser.post(
      action.replace(`/replies/${resident.id}/`, `/replies/${neighbour.id}/`),
      { body: 'Forged' }
    )
    assert.equal(forged.status, 404)
    const late = await browser.post(ReplyLinks.page(resident.id, alert.id, '2026-01-31'), {
      body: 'Too late',
    })
    assert.equal(late.status, 410)
    assert.equal(await countRows('alert_replies'), 0)
    assert.equal(await countRows('alert_reply_messages'), 0)

    // An alert not sent (a draft) takes no replies.
    const draft = await alertFor(police, [], { status: 'draft' })
    assert.equal((await browser.get(replyLink(resident.id, draft.id))).status, 404)
  })

  test('a staff member’s test of an alert carries a reply link that says so', async ({
    assert,
  }) => {
    const { police, central } = await replyWorld()
    const member = await createStaff(police, 'sender')
    const draft = await alertFor(police, [central], { title: 'Drafted', status: 'draft' })
    const staff = await signInStaff(member)
    await staff.post(`/staff/alerts/${draft.id}/test`)
    const mail = await smtpSink.waitForMail(member.email, (received) =>
      received.subject.includes('[TEST] Drafted')
    )
    const link = mail.text.match(/^Reply to the sender: (http:\/\/\S+)$/m)![1]
    assert.include(link, `/alerts/${draft.id}/replies/0/`)
    const page = await new BrowserLikeSession().get(link)
    assert.include(page.text, 'This was a test alert')
    assert.notInclude(page.text, 'Send my reply')
    assert.equal(await countRows('alert_replies'), 0)
  })

  test('sending is throttled per address, as other public forms are', async ({
    assert,
    cleanup,
  }) => {
    const limit = config.get<number>('beacon.rateLimits.publicForms')
    config.set('beacon.rateLimits.publicForms', 1)
    cleanup(() => config.set('beacon.rateLimits.publicForms', limit))
    const { resident, alert } = await replyWorld()
    const browser = new BrowserLikeSession()
    const page = await browser.get(replyLink(resident.id, alert.id))
    await browser.post(replyAction(page.text), { body: 'First' })
    const again = await browser.post(replyAction(page.text), { body: 'Second' })
    assert.equal(again.status, 429)
    assert.include(again.text, 'Too many attempts')
    assert.deepEqual(await messagesOf(resident.id), [{ author: 'resident', body: 'First' }])
  })

  test('the resident’s own list of alerts received offers their reply link too', async ({
    assert,
  }) => {
    const place = await seedSelfService()
    const resident = await residentOf(place)
    const alert = await alertTo(resident, place.opcc, 'Sheds broken into')
    const browser = await signedInAs(resident)

    const page = await browser.get('/my-alerts/received')
    assert.include(page.text, 'Something to tell the people who sent this alert?')
    const link = page.text
      .match(/<a class="govuk-link" href="([^"]+)">Reply to the sender</)![1]
      .replaceAll('&amp;', '&')
    assert.include(link, `/alerts/${alert.id}/replies/${resident.id}/`)
    const form = await browser.get(link)
    assert.include(form.text, 'Send my reply')
  })
})
