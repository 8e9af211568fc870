import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import { createStaff } from '#tests/helpers/fixtures'
import { signInStaff } from '#tests/helpers/staff_session'
import { smtpSink } from '#tests/helpers/smtp_sink'
import { alertTo, residentOf, seedSelfService } from '#tests/helpers/self_service_fixtures'

test.group('Settings → Channels: each channel’s health', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('install admins see when each channel last succeeded and its failure rate this week', async ({
    assert,
  }) => {
    const world = await seedSelfService()
    const residents = [await residentOf(world), await residentOf(world), await residentOf(world)]
    const sentAt = DateTime.fromISO('2026-03-03T09:15:00Z')
    await alertTo(residents[0], world.opcc, 'Sent one', { sentAt })
    await alertTo(residents[1], world.opcc, 'Sent two', { sentAt: sentAt.minus({ hours: 2 }) })
    const bounced = await alertTo(residents[2], world.opcc, 'Bounced', { status: 'pending' })
    await db
      .from('deliveries')
      .where('alert_id', bounced.id)
      .update({ status: 'failed', error: 'Mailbox full' })

    const admin = await signInStaff(await createStaff(world.opcc, 'admin', { installAdmin: true }))
    const page = await admin.get('/staff/settings/channels')
    assert.equal(page.status, 200)
    const email = /<tr class="govuk-table__row" id="channel-email">([\s\S]*?)<\/tr>/.exec(
      page.text
    )?.[1]
    assert.exists(email)
    assert.include(email!, 'Email')
    assert.include(email!, 'Ready')
    assert.include(email!, '3 Mar 2026, 09:15 GMT')
    assert.match(email!, /33\.3%\s*\(1 of 3\)/)
    assert.include(page.text, 'href="/staff/settings/channels"', 'in the staff menu')

    const organisationAdmin = await signInStaff(await createStaff(world.opcc, 'admin'))
    assert.equal((await organisationAdmin.get('/staff/settings/channels')).status, 403)
  })

  test('“Send a test to me” sends a test by that channel to the member of staff alone', async ({
    assert,
  }) => {
    const world = await seedSelfService()
    await residentOf(world)
    const member = await createStaff(world.opcc, 'admin', { installAdmin: true })
    const admin = await signInStaff(member)
    await admin.get('/staff/settings/channels')
    const page = await admin.post('/staff/settings/channels/email/test')
    assert.include(page.text, 'Email: the test was sent to you.')
    const mail = await smtpSink.waitForMail(member.email, (received) =>
      received.subject.includes('Test alert')
    )
    assert.include(mail.text, 'No resident received it.')

    const unknown = await admin.post('/staff/settings/channels/pigeon/test')
    assert.include(unknown.text, 'That channel is not switched on.')
    assert.equal(
      await db
        .from('deliveries')
        .count('* as total')
        .first()
        .then((row) => Number(row.total)),
      0
    )
  })
})
