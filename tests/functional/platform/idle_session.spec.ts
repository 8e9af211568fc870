import { test } from '@japa/runner'
import config from '@adonisjs/core/services/config'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import type User from '#models/platform/user'
import StaffSession from '#models/platform/staff_session'
import Alert from '#models/messaging/alert'
import { sqlTime } from '#services/platform/infrastructure/sql_time'
import { createOrganisation, createStaff } from '#tests/helpers/fixtures'
import { signInStaff } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'

/** As if the member of staff had made no request for this many minutes. */
async function idleFor(user: User, minutes: number) {
  await db
    .from('staff_sessions')
    .where('user_id', user.id)
    .update({ last_activity_at: sqlTime(DateTime.now().minus({ minutes })) })
}

test.group('Idle staff sessions', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('a session unused for 30 minutes ends and the sign-in page says why', async ({ assert }) => {
    const organisation = await createOrganisation()
    const sender = await createStaff(organisation, 'sender')
    const browser = await signInStaff(sender)
    await idleFor(sender, 31)

    const page = await browser.get('/staff/alerts/new')
    assert.include(page.url, '/staff/login')
    assert.include(page.text, 'You were signed out because you were inactive for 30 minutes.')
    // Still signed out on the next request, and the message is not repeated.
    const next = await browser.get('/staff')
    assert.include(next.url, '/staff/login')
    assert.notInclude(next.text, 'inactive')
    const row = await db.from('staff_sessions').where('user_id', sender.id).firstOrFail()
    assert.isNotNull(row.ended_at)
  })

  test('a request within the limit keeps the session alive', async ({ assert }) => {
    const organisation = await createOrganisation()
    const sender = await createStaff(organisation, 'sender')
    const browser = await signInStaff(sender)
    await idleFor(sender, 29)

    const page = await browser.get('/staff/alerts/new')
    assert.include(page.text, 'Sign out')
    const session = await StaffSession.findByOrFail('userId', sender.id)
    assert.isTrue(session.lastActivityAt > DateTime.now().minus({ minutes: 1 }))
    // The 29 minutes start again: another 29 later, the session is still open.
    await idleFor(sender, 29)
    assert.include((await browser.get('/staff')).text, 'Sign out')
  })

  test('a page polling for live progress does not keep an idle session open', async ({
    assert,
  }) => {
    const organisation = await createOrganisation()
    const sender = await createStaff(organisation, 'sender')
    const browser = await signInStaff(sender)
    const alert = await Alert.create({
      organisationId: organisation.id,
      authorId: sender.id,
      title: 'Watched while it sends',
      body: 'Body',
      priority: 2,
      status: 'draft',
      criteria: { areaIds: [] },
    })
    await idleFor(sender, 29)

    const poll = await browser.get(`/staff/alerts/${alert.id}/progress`, {
      'X-Beacon-Background': '1',
    })
    assert.equal(poll.status, 200)
    assert.include(poll.text, '"status":"draft"')
    const session = await StaffSession.findByOrFail('userId', sender.id)
    assert.isTrue(
      session.lastActivityAt < DateTime.now().minus({ minutes: 28 }),
      'the poll must not move the last activity on'
    )
  })

  test('the limit follows STAFF_IDLE_MINUTES', async ({ assert, cleanup }) => {
    const minutes = config.get<number>('beacon.staff.idleMinutes')
    config.set('beacon.staff.idleMinutes', 5)
    cleanup(() => config.set('beacon.staff.idleMinutes', minutes))
    const organisation = await createOrganisation()
    const admin = await createStaff(organisation, 'admin')
    const browser = await signInStaff(admin)
    await idleFor(admin, 6)

    const page = await browser.get('/staff/team')
    assert.include(page.url, '/staff/login')
    assert.include(page.text, 'You were signed out because you were inactive for 5 minutes.')
  })

  test('a session ended elsewhere (signed out) is not let back in', async ({ assert }) => {
    const organisation = await createOrganisation()
    const sender = await createStaff(organisation, 'sender')
    const browser = await signInStaff(sender)
    await db.from('staff_sessions').where('user_id', sender.id).update({ ended_at: sqlTime() })

    const page = await browser.get('/staff')
    assert.include(page.url, '/staff/login')
    assert.notInclude(page.text, 'inactive')
  })
})
