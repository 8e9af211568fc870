import { createHmac } from 'node:crypto'
import { test } from '@japa/runner'
import config from '@adonisjs/core/services/config'
import limiter from '@adonisjs/limiter/services/main'
import { BrowserLikeSession } from '#tests/helpers/http'
import { smtpSink } from '#tests/helpers/smtp_sink'
import ReplyAddresses from '#services/engagement/replies/reply_addresses'
import { createStaff } from '#tests/helpers/fixtures'
import { signInStaff } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import { messagesOf, replyWorldWithAlertEmail, threadOf } from '#tests/helpers/reply_fixtures'

const INBOUND = `${new BrowserLikeSession().baseUrl}/inbound/email`
const SECRET = 'relay-secret-for-the-tests-0123456789abcdef'

/** The relay's POST: the raw message, signed as docs/deploy.md's script signs it. */
function relay(raw: string, secret = SECRET, timestamp = Math.floor(Date.now() / 1000)) {
  const signature = createHmac('sha256', secret).update(`${timestamp}.`).update(raw).digest('hex')
  return fetch(INBOUND, {
    method: 'POST',
    headers: {
      'Content-Type': 'message/rfc822',
      'X-Beacon-Timestamp': String(timestamp),
      'X-Beacon-Signature': `sha256=${signature}`,
    },
    body: raw,
  })
}

/** A reply as a mail program writes it: the resident's words, the quoted alert, a signature. */
function replyMail(to: string, from: string, options: { messageId?: string; html?: boolean } = {}) {
  const headers = [
    `From: Jo Resident <${from}>`,
    `To: ${to}`,
    'Subject: Re: [Routine] Sheds broken into',
    `Message-ID: ${options.messageId ?? `<${Math.random().toString(36).slice(2)}@mail.example>`}`,
    'Date: Mon, 7 Dec 2026 10:00:00 +0000',
    'MIME-Version: 1.0',
  ]
  if (options.html) {
    return [
      ...headers,
      'Content-Type: text/html; charset=utf-8',
      '',
      '<div>Mine was broken into <b>last night</b> too.<br>The padlock was cut.</div>',
      '<blockquote>Sheds broken into. Lock your shed.</blockquote>',
    ].join('\r\n')
  }
  return [
    ...headers,
    'Content-Type: text/plain; charset=utf-8',
    '',
    'I saw two men with bolt cutters at 2am.',
    'They left in a white van.',
    '',
    'On Mon, 7 Dec 2026 at 09:00, Lincolnshire Police <alerts@beacon.test> wrote:',
    '> Sheds broken into',
    '> Lock your shed.',
    '',
    '-- ',
    'Jo Resident',
    '07700 900123',
  ].join('\r\n')
}

test.group('Replies by email', (group) => {
  group.each.setup(() => emptyTablesAfterwards())
  group.each.setup(() => limiter.clear())
  group.each.setup(() => {
    const address = config.get('beacon.replies.emailAddress')
    const secret = config.get('beacon.replies.inboundSecret')
    config.set('beacon.replies.emailAddress', 'replies@alerts.example.org')
    config.set('beacon.replies.inboundSecret', SECRET)
    return () => {
      config.set('beacon.replies.emailAddress', address)
      config.set('beacon.replies.inboundSecret', secret)
    }
  })

  test('the alert email’s Reply-To is the resident’s own signed address; a signed reply lands in the inbox without its quote and signature', async ({
    assert,
  }) => {
    const { police, resident, alert, mail, neighbourMail } = await replyWorldWithAlertEmail({
      title: 'Sheds broken into',
      body: 'Lock your shed.',
    })
    const replyTo = mail.header('reply-to')!
    assert.match(replyTo, /^replies\+[a-z2-7]{32}@alerts\.example\.org$/)
    assert.notEqual(neighbourMail.header('reply-to'), replyTo, 'each resident has their own')

    const raw = replyMail(replyTo, resident.email!, { messageId: '<first@mail.example>' })
    const answer = await relay(raw)
    assert.equal(answer.status, 202)
    assert.deepEqual(await messagesOf(resident.id), [
      {
        author: 'resident',
        body: 'I saw two men with bolt cutters at 2am.\nThey left in a white van.',
      },
    ])
    const thread = await threadOf(resident.id, alert.id)
    assert.equal(thread.state, 'new')
    assert.equal(thread.organisation_id, police.id)

    // The relay delivering the same message again adds nothing.
    assert.equal((await relay(raw)).status, 202)
    assert.lengthOf(await messagesOf(resident.id), 1)

    // An HTML-only reply is read as text, its quote left out.
    assert.equal((await relay(replyMail(replyTo, resident.email!, { html: true }))).status, 202)
    assert.equal(
      (await messagesOf(resident.id))[1].body,
      'Mine was broken into last night too.\nThe padlock was cut.'
    )

    const admin = await signInStaff(await createStaff(police, 'admin'))
    const page = await admin.get(`/staff/inbox/${thread.id}`)
    assert.include(page.text, 'They left in a white van.')
    assert.include(page.text, ', by email')
    assert.notInclude(page.text, '07700 900123', 'the signature is cut off')
    assert.notInclude(page.text, 'Lock your shed.', 'and the quoted alert')

    // Staff's answer is emailed with the same Reply-To: the resident answers it from their mail program.
    const answered = await admin.post(`/staff/inbox/${thread.id}/answer`, {
      body: 'Thank you, noted.',
    })
    assert.include(answered.text, 'Your answer was emailed to')
    const answerMail = await smtpSink.waitForMail(resident.email!, (received) =>
      received.subject.includes('answered your reply')
    )
    const answerToken = ReplyAddresses.tokenIn(answerMail.header('reply-to') ?? '')
    assert.deepEqual(ReplyAddresses.check(answerToken ?? ''), {
      valid: true,
      residentId: resident.id,
      alertId: alert.id,
    })
  }).timeout(60_000)

  test('a forged or altered token, a wrong signature, an old timestamp and garbage are refused and record nothing', async ({
    assert,
  }) => {
    const { resident, mail } = await replyWorldWithAlertEmail({
      title: 'Sheds broken into',
      body: 'x',
    })
    const replyTo = mail.header('reply-to')!
    const token = /\+([a-z2-7]+)@/.exec(replyTo)![1]
    const altered = replyTo.replace(
      token,
      token.slice(0, 5) + (token[5] === 'a' ? 'b' : 'a') + token.slice(6)
    )

    const forged = await relay(replyMail(altered, resident.email!))
    assert.equal(forged.status, 422)
    assert.include(await forged.text(), 'forged reply address')
    const madeUp = await relay(replyMail('replies+hello@alerts.example.org', resident.email!))
    assert.equal(madeUp.status, 422)
    const elsewhere = await relay(replyMail('someone@alerts.example.org', resident.email!))
    assert.equal(elsewhere.status, 422)

    const raw = replyMail(replyTo, resident.email!)
    assert.equal((await relay(raw, 'another-secret-entirely-0123456789abcdef')).status, 401)
    assert.equal((await relay(raw, SECRET, Math.floor(Date.now() / 1000) - 3600)).status, 401)
    const unsigned = await fetch(INBOUND, { method: 'POST', body: raw })
    assert.equal(unsigned.status, 401)

    assert.equal((await relay('\u0000\u0001 not a message at all')).status, 422)
    assert.lengthOf(await messagesOf(resident.id), 0)

    // An out-of-office answer is kept out of the inbox.
    const auto = raw.replace(
      'MIME-Version: 1.0',
      'MIME-Version: 1.0\r\nAuto-Submitted: auto-replied'
    )
    assert.equal((await relay(auto)).status, 202)
    assert.lengthOf(await messagesOf(resident.id), 0)
  }).timeout(60_000)
})
