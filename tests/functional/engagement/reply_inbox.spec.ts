import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import AuditLog from '#models/platform/audit_log'
import { sqlTime } from '#services/platform/infrastructure/sql_time'
import { BrowserLikeSession } from '#tests/helpers/http'
import { smtpSink } from '#tests/helpers/smtp_sink'
import { alertFor } from '#tests/helpers/archive_fixtures'
import { signInStaff } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import {
  messagesOf,
  received,
  replyAction,
  replyAs,
  replyWorld,
  threadOf,
  inboxRows as rows,
} from '#tests/helpers/reply_fixtures'

async function auditedActions(replyId: number) {
  const entries = await AuditLog.query()
    .where('subject_type', 'alert_reply')
    .where('subject_id', replyId)
    .whereNot('action', 'reply.viewed')
    .orderBy('id')
  return entries.map((entry) => ({
    action: entry.action,
    userId: entry.userId,
    details: entry.details,
  }))
}

test.group('The inbox: replies in the organisation that sent the alert', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('staff find a reply, assign it, answer it by email, close and reopen it; all audited', async ({
    assert,
  }) => {
    const { resident, alert, sender, approver, analyst, councilAdmin } = await replyWorld()
    await replyAs(resident.id, alert.id, 'I saw a van.')
    const thread = await threadOf(resident.id, alert.id)
    const staff = await signInStaff(sender)

    const inbox = await staff.get('/staff/inbox')
    assert.equal(inbox.status, 200, inbox.text.slice(0, 3000))
    assert.include(inbox.text, '1 reply')
    assert.deepEqual(rows(inbox.text), [
      { from: 'Ada Quennell', about: 'Sheds broken into', state: 'New' },
    ])
    assert.include(inbox.text, 'I saw a van.')

    const page = await staff.get(`/staff/inbox/${thread.id}`)
    assert.include(page.text, '<h1 class="govuk-heading-l">From Ada Quennell</h1>')
    assert.include(
      page.text,
      `<a class="govuk-link" href="/staff/alerts/${alert.id}">Sheds broken into</a>`
    )
    assert.include(page.text, `href="/staff/residents/${resident.id}"`)
    assert.include(page.text, 'I saw a van.')
    assert.include(
      page.text,
      '<dd class="govuk-summary-list__value" id="assigned-to">Nobody yet</dd>'
    )
    // Only the organisation's members who may use the inbox can be given it.
    assert.include(page.text, `<option value="${approver.id}"`)
    assert.notInclude(page.text, `<option value="${analyst.id}"`)
    assert.notInclude(page.text, `<option value="${councilAdmin.id}"`)

    for (const stranger of [analyst, councilAdmin]) {
      const refused = await staff.post(`/staff/inbox/${thread.id}/assign`, { userId: stranger.id })
      assert.include(refused.text, 'Choose someone from the list')
    }
    const assigned = await staff.post(`/staff/inbox/${thread.id}/assign`, { userId: approver.id })
    assert.include(assigned.text, 'Assigned to Test approver.')
    assert.include(
      assigned.text,
      '<dd class="govuk-summary-list__value" id="assigned-to">Test approver</dd>'
    )
    assert.deepInclude(await threadOf(resident.id, alert.id), {
      state: 'assigned',
      assigned_to_id: approver.id,
    })

    const blank = await staff.post(`/staff/inbox/${thread.id}/answer`, { body: ' ' })
    assert.include(blank.text, '<a href="#answer-body">Write your answer to the resident</a>')
    const long = await staff.post(`/staff/inbox/${thread.id}/answer`, { body: 'y'.repeat(2001) })
    assert.include(long.text, 'Your answer must be 2000 characters or fewer')
    const answered = await staff.post(`/staff/inbox/${thread.id}/answer`, {
      body: 'Thank you. An officer will call on you tomorrow.',
    })
    assert.include(answered.text, 'Your answer was emailed to Ada Quennell.')
    assert.include(answered.text, '>Answered</strong>')
    assert.deepEqual(await messagesOf(resident.id), [
      { author: 'resident', body: 'I saw a van.' },
      { author: 'staff', body: 'Thank you. An officer will call on you tomorrow.' },
    ])

    const mail = await smtpSink.waitForMail(resident.email!, (m) =>
      m.subject.includes('answered your reply')
    )
    assert.equal(mail.subject, 'Lincolnshire Police answered your reply about “Sheds broken into”')
    assert.include(mail.text, 'Thank you. An officer will call on you tomorrow.')
    // The answer carries the resident's link to write back, which shows the conversation.
    const link = mail.text.match(/^(http:\/\/\S+\/replies\/\S+)$/m)![1]
    const residentBrowser = new BrowserLikeSession()
    const back = await residentBrowser.get(link)
    assert.include(back.text, 'Thank you. An officer will call on you tomorrow.')
    assert.include(back.text, 'Lincolnshire Police<br>')

    const confirm = await staff.get(`/staff/inbox/${thread.id}/close`)
    assert.include(confirm.text, 'Close the reply from Ada Quennell?')
    assert.equal((await threadOf(resident.id, alert.id)).state, 'answered')
    const closed = await staff.post(`/staff/inbox/${thread.id}/close`)
    assert.include(closed.text, 'The reply is closed.')
    assert.notInclude(closed.text, 'Send the answer')
    const refused = await staff.post(`/staff/inbox/${thread.id}/answer`, { body: 'More' })
    assert.include(refused.text, 'This reply is closed. Reopen it to answer.')
    assert.lengthOf(await messagesOf(resident.id), 2)
    const reopened = await staff.post(`/staff/inbox/${thread.id}/reopen`)
    assert.include(reopened.text, 'The reply is open again.')
    assert.equal((await threadOf(resident.id, alert.id)).state, 'assigned')

    // The resident writing again after an answer puts it back with whoever has it.
    await staff.post(`/staff/inbox/${thread.id}/answer`, { body: 'Did they come?' })
    await residentBrowser.post(replyAction(back.text), { body: 'Nobody came.' })
    assert.equal((await threadOf(resident.id, alert.id)).state, 'assigned')

    const details = { alertId: alert.id, residentId: resident.id }
    assert.deepEqual(await auditedActions(thread.id), [
      {
        action: 'reply.assigned',
        userId: sender.id,
        details: { ...details, assignedToId: approver.id },
      },
      { action: 'reply.answered', userId: sender.id, details },
      { action: 'reply.closed', userId: sender.id, details },
      { action: 'reply.reopened', userId: sender.id, details },
      { action: 'reply.answered', userId: sender.id, details },
    ])
    const viewed = await AuditLog.query().where({ action: 'reply.viewed', subject_id: thread.id })
    assert.isAbove(viewed.length, 0)
  })

  test('HTML in replies is shown as text in the inbox, the thread and the resident’s record', async ({
    assert,
  }) => {
    const { resident, alert, sender } = await replyWorld()
    await replyAs(resident.id, alert.id, '<script>alert("x")</script> <b>bold</b>')
    const thread = await threadOf(resident.id, alert.id)
    const staff = await signInStaff(sender)
    for (const path of [
      '/staff/inbox',
      `/staff/inbox/${thread.id}`,
      `/staff/residents/${resident.id}`,
    ]) {
      const page = await staff.get(path)
      assert.include(
        page.text,
        '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &lt;b&gt;bold&lt;/b&gt;',
        path
      )
      assert.notInclude(page.text, '<script>alert("x")</script>', path)
      assert.notInclude(page.text, '<b>bold</b>', path)
    }
  })

  test('filters by state, searches, sorts and paginates', async ({ assert }) => {
    const { police, central, resident, neighbour, alert, sender } = await replyWorld()
    await received(neighbour.id, alert.id, 'A ladder left against the fence')
    // 22 more threads from the resident, one an hour apart, oldest first.
    for (let hour = 22; hour >= 1; hour--) {
      const other = await alertFor(police, [central], { title: `Alert ${hour} hours ago` })
      const reply = await received(resident.id, other.id, `Reply number ${hour}`)
      await db
        .from('alert_replies')
        .where('id', reply!.id)
        .update({ received_at: sqlTime(DateTime.now().minus({ hours: hour })) })
    }
    const staff = await signInStaff(sender)

    const first = await staff.get('/staff/inbox')
    assert.include(first.text, '23 replies')
    const newest = rows(first.text)
    assert.lengthOf(newest, 20)
    assert.deepEqual(newest[0], {
      from: 'Bert Neighbour',
      about: 'Sheds broken into',
      state: 'New',
    })
    assert.deepEqual(newest[1].about, 'Alert 1 hours ago')
    assert.include(first.text, 'href="/staff/inbox?page=2"')
    const second = rows((await staff.get('/staff/inbox?page=2')).text)
    assert.deepEqual(
      second.map((row) => row.about),
      ['Alert 20 hours ago', 'Alert 21 hours ago', 'Alert 22 hours ago']
    )

    const oldest = rows((await staff.get('/staff/inbox?sort=oldest')).text)
    assert.equal(oldest[0].about, 'Alert 22 hours ago')
    assert.equal(oldest[19].about, 'Alert 3 hours ago')

    const found = await staff.get('/staff/inbox?q=LADDER')
    assert.include(found.text, '1 reply match')
    assert.deepEqual(
      rows(found.text).map((row) => row.from),
      ['Bert Neighbour']
    )
    assert.deepEqual(rows((await staff.get('/staff/inbox?q=Alert+7+hours')).text).length, 1)
    assert.lengthOf(rows((await staff.get('/staff/inbox?q=quennell')).text), 20)

    const neighbourThread = await threadOf(neighbour.id, alert.id)
    await db.from('alert_replies').where('id', neighbourThread.id).update({ state: 'closed' })
    const closed = await staff.get('/staff/inbox?state=closed&q=')
    assert.deepEqual(rows(closed.text), [
      { from: 'Bert Neighbour', about: 'Sheds broken into', state: 'Closed' },
    ])
    assert.include(closed.text, '<option value="closed" selected>Closed</option>')
    const none = await staff.get('/staff/inbox?state=answered')
    assert.include(none.text, '0 replies match')
    assert.include(none.text, 'No reply matches.')

    const odd = await staff.get('/staff/inbox?state=lost')
    assert.include(
      odd.text,
      'The address asked for a filter that does not exist, so every reply is shown.'
    )
    assert.include(odd.text, '23 replies')
  })

  test('an empty inbox says where replies come from', async ({ assert }) => {
    const { sender } = await replyWorld()
    const page = await (await signInStaff(sender)).get('/staff/inbox')
    assert.include(page.text, 'No replies yet')
    assert.include(
      page.text,
      'Replies appear here when a resident uses the “Reply to the sender” link'
    )
  })
})
