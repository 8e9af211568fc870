import { test } from '@japa/runner'
import { createStaff } from '#tests/helpers/fixtures'
import { signInStaff } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import {
  inboxRows as rows,
  messagesOf,
  replyAs,
  replyWorld,
  threadOf,
} from '#tests/helpers/reply_fixtures'

test.group('The inbox: who may see and answer replies', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('another organisation sees nothing of a reply, and cannot act on it', async ({ assert }) => {
    const { resident, alert, councilAlert, sender, councilAdmin } = await replyWorld()
    await replyAs(resident.id, alert.id, 'For the police only')
    await replyAs(resident.id, councilAlert.id, 'For the council only')
    const policeThread = await threadOf(resident.id, alert.id)
    const councilThread = await threadOf(resident.id, councilAlert.id)

    const council = await signInStaff(councilAdmin)
    const inbox = await council.get('/staff/inbox')
    assert.deepEqual(rows(inbox.text), [
      { from: 'Ada Quennell', about: 'Bin day moved', state: 'New' },
    ])
    assert.notInclude(inbox.text, 'For the police only')
    assert.notInclude((await council.get('/staff/inbox?q=police')).text, 'Sheds broken into')
    assert.equal((await council.get(`/staff/inbox/${policeThread.id}`)).status, 404)
    assert.equal((await council.get(`/staff/inbox/${policeThread.id}/close`)).status, 404)
    await council.get('/staff/inbox')
    for (const [action, fields] of [
      ['assign', { userId: councilAdmin.id }],
      ['answer', { body: 'Not ours to answer' }],
      ['close', {}],
      ['reopen', {}],
    ] as const) {
      const page = await council.post(`/staff/inbox/${policeThread.id}/${action}`, fields)
      assert.equal(page.status, 404, action)
    }
    assert.deepInclude(await threadOf(resident.id, alert.id), {
      state: 'new',
      assigned_to_id: null,
    })
    assert.lengthOf(await messagesOf(resident.id), 2)

    // The resident's record shows each organisation its own threads only.
    const record = await council.get(`/staff/residents/${resident.id}`)
    assert.include(record.text, 'Replies to alerts')
    assert.include(record.text, 'About “Bin day moved”')
    assert.include(record.text, 'For the council only')
    assert.notInclude(record.text, 'For the police only')
    assert.include(record.text, `href="/staff/inbox/${councilThread.id}"`)

    const police = await signInStaff(sender)
    assert.deepEqual(rows((await police.get('/staff/inbox')).text), [
      { from: 'Ada Quennell', about: 'Sheds broken into', state: 'New' },
    ])
    assert.equal((await police.get(`/staff/inbox/${councilThread.id}`)).status, 404)
    const theirs = await police.get(`/staff/residents/${resident.id}`)
    assert.include(theirs.text, 'For the police only')
    assert.notInclude(theirs.text, 'For the council only')
  })

  test('analysts and officers may not read or answer replies', async ({ assert }) => {
    const { resident, alert, analyst, police } = await replyWorld()
    await replyAs(resident.id, alert.id, 'Hello')
    const thread = await threadOf(resident.id, alert.id)
    const officer = await createStaff(police, 'officer')
    for (const member of [analyst, officer]) {
      const staff = await signInStaff(member)
      const inbox = await staff.get('/staff/inbox')
      assert.equal(inbox.status, 403)
      assert.include(inbox.text, 'You cannot see this page')
      assert.notInclude((await staff.get('/staff')).text, 'href="/staff/inbox"')
      assert.equal((await staff.get(`/staff/inbox/${thread.id}`)).status, 403)
      await staff.get('/staff/account')
      const answer = await staff.post(`/staff/inbox/${thread.id}/answer`, { body: 'Hi' })
      assert.equal(answer.status, 403)
    }
    assert.lengthOf(await messagesOf(resident.id), 1)
  })
})
