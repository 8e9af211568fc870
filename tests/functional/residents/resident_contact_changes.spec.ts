import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import AuditLog from '#models/platform/audit_log'
import { createOrganisation, createResident, createStaff, seedAreas } from '#tests/helpers/fixtures'
import { visibleText } from '#tests/helpers/resident_fixtures'
import { smtpSink } from '#tests/helpers/smtp_sink'
import { BrowserLikeSession } from '#tests/helpers/http'
import { signInStaff } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'

/*
| Staff correct residents' details, but never hand themselves (or anyone) a
| resident's account: a new email address or phone number waits for the
| resident to confirm it, and staff never make a resident active.
*/
async function world() {
  const { central } = await seedAreas()
  const police = await createOrganisation('Northshire Police')
  const admin = await signInStaff(await createStaff(police, 'admin'))
  return { central, police, admin }
}

function linkIn(text: string) {
  return text.match(/https?:\/\/\S+\/my-alerts\/confirm-change\/[A-Za-z0-9_-]+/)![0]
}

test.group('Staff changing a resident’s status', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  // Before: the form offered "Active" and saved it, for a resident who never confirmed.
  test('staff cannot make an unconfirmed or stopped resident active, by the form or a crafted post', async ({
    assert,
  }) => {
    const { central, police, admin } = await world()
    for (const status of ['pending', 'unsubscribed'] as const) {
      const resident = await createResident(central, [police], {
        status,
        email: `${status}@example.test`,
      })
      const form = await admin.get(`/staff/residents/${resident.id}/edit`)
      assert.notInclude(form.text, 'value="active"', status)

      const page = await admin.post(`/staff/residents/${resident.id}`, {
        name: resident.name,
        email: resident.email,
        status: 'active',
      })
      assert.include(
        visibleText(page.text),
        'Error: Staff cannot make a resident active. Only the resident can, by confirming their email address or resuming alerts from their own account',
        status
      )
      await resident.refresh()
      assert.equal(resident.status, status)
    }
    assert.lengthOf(await AuditLog.query().where('action', 'resident.updated'), 0)
  })

  test('staff may stop an active resident’s alerts', async ({ assert }) => {
    const { central, police, admin } = await world()
    const resident = await createResident(central, [police], { email: 'ada@example.test' })
    const saved = await admin.submit(
      `/staff/residents/${resident.id}/edit`,
      { name: resident.name, email: 'ada@example.test', status: 'unsubscribed' },
      { action: `/staff/residents/${resident.id}` }
    )
    assert.include(saved.text, 'The resident’s details have been saved.')
    await resident.refresh()
    assert.equal(resident.status, 'unsubscribed')
  })
})

test.group('Staff changing a resident’s email address or phone number', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  // Before: the new address replaced the old one at once, and a sign-in link to it opened the account.
  test('a new email address waits for the resident to confirm it from that address; the old one is told', async ({
    assert,
  }) => {
    const { central, police, admin } = await world()
    const resident = await createResident(central, [police], {
      name: 'Ada Lovelace',
      email: 'ada@example.test',
    })

    const saved = await admin.submit(
      `/staff/residents/${resident.id}/edit`,
      { name: 'Ada Lovelace', email: 'New.Ada@Example.test', status: 'active' },
      { action: `/staff/residents/${resident.id}` }
    )
    assert.include(
      saved.text,
      'We have emailed new.ada@example.test a link to confirm it. Until the resident confirms, alerts still go to ada@example.test.'
    )
    assert.include(visibleText(saved.text), 'Pending confirmation: new.ada@example.test')
    await resident.refresh()
    assert.equal(resident.email, 'ada@example.test')
    assert.isNotNull(resident.emailVerifiedAt)

    const entry = await AuditLog.query().where('action', 'resident.updated').firstOrFail()
    assert.deepEqual(entry.details, {
      changes: { email: { from: 'ada@example.test', to: 'new.ada@example.test', pending: true } },
    })
    assert.include(
      visibleText(saved.text),
      'Email address: ada@example.test → new.ada@example.test (waiting for the resident to confirm)'
    )

    const notice = await smtpSink.waitForMail('ada@example.test', (mail) =>
      mail.subject.startsWith('A change to the email address for your alerts')
    )
    assert.include(notice.text, 'Northshire Police asked to change the email address')
    assert.include(notice.text, 'If you did not ask for this')
    assert.notInclude(notice.text, '/my-alerts/confirm-change/')

    // Someone holding the new address cannot sign in as the resident before they confirm.
    const stranger = new BrowserLikeSession()
    await stranger.submit('/my-alerts', { email: 'new.ada@example.test' })
    const links = await db.from('resident_tokens').where('resident_id', resident.id)
    assert.lengthOf(links, 0)

    const mail = await smtpSink.waitForMail('new.ada@example.test', (m) =>
      m.subject.startsWith('Confirm your new email address')
    )
    const link = linkIn(mail.text)
    const browser = new BrowserLikeSession()
    const page = await browser.get(link)
    assert.include(page.text, 'Confirm your new email address')
    assert.include(page.text, 'new.ada@example.test')
    await resident.refresh()
    assert.equal(resident.email, 'ada@example.test', 'opening the link alone changes nothing')

    const done = await browser.post(new URL(link).pathname)
    assert.include(done.text, 'Your email address is now new.ada@example.test')
    await resident.refresh()
    assert.equal(resident.email, 'new.ada@example.test')
    assert.isNotNull(resident.emailVerifiedAt)
    const confirmed = await AuditLog.query()
      .where('action', 'resident.contact_change_confirmed')
      .firstOrFail()
    assert.isNull(confirmed.userId)
    assert.equal(confirmed.subjectId, resident.id)
    assert.deepEqual(confirmed.details, { field: 'email' })

    const shown = visibleText((await admin.get(`/staff/residents/${resident.id}`)).text)
    assert.notInclude(shown, 'Pending confirmation')
    assert.include(shown, 'new.ada@example.test')

    const again = await browser.post(new URL(link).pathname)
    assert.include(again.text, 'This link has already been used')
  })

  test('a new mobile number waits for the resident to confirm it from their email', async ({
    assert,
  }) => {
    const { central, police, admin } = await world()
    const resident = await createResident(central, [police], { email: 'ada@example.test' })

    const saved = await admin.submit(
      `/staff/residents/${resident.id}/edit`,
      { name: resident.name, email: 'ada@example.test', phone: '07400 123456', status: 'active' },
      { action: `/staff/residents/${resident.id}` }
    )
    assert.include(visibleText(saved.text), 'Pending confirmation: 07400 123456')
    await resident.refresh()
    assert.isNull(resident.phone)

    const mail = await smtpSink.waitForMail('ada@example.test', (m) =>
      m.subject.startsWith('Confirm your new mobile number')
    )
    assert.include(mail.text, '07400 123456')
    const browser = new BrowserLikeSession()
    const link = linkIn(mail.text)
    await browser.get(link)
    const done = await browser.post(new URL(link).pathname)
    assert.include(done.text, 'Your mobile number is now 07400 123456')
    await resident.refresh()
    assert.equal(resident.phone, '+447400123456')
  })
})

test.group('Staff removing a resident’s contact details', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  // Before: removing the email took effect at once and told nobody, so staff could then
  // enter an address they held, confirm it themselves and own the resident's account.
  test('staff cannot remove a resident’s email address, by the form or a crafted post', async ({
    assert,
  }) => {
    const { central, police, admin } = await world()
    const resident = await createResident(central, [police], {
      email: 'ada@example.test',
      phone: '+447400123456',
    })
    const error =
      'Error: Only the resident can remove their email address. To stop emails, stop their alerts.'
    const form = await admin.get(`/staff/residents/${resident.id}/edit`)
    assert.include(
      visibleText(form.text),
      'and tell the old address. Only the resident can remove it.'
    )
    const fromForm = await admin.submit(
      `/staff/residents/${resident.id}/edit`,
      { name: resident.name, email: '', phone: '07400 123456', status: 'active' },
      { action: `/staff/residents/${resident.id}` }
    )
    assert.include(visibleText(fromForm.text), error)
    const crafted = await admin.post(`/staff/residents/${resident.id}`, {
      name: resident.name,
      phone: '07400 123456',
      status: 'active',
    })
    assert.include(visibleText(crafted.text), error)
    await resident.refresh()
    assert.equal(resident.email, 'ada@example.test')
    assert.isNotNull(resident.emailVerifiedAt)
    assert.lengthOf(await AuditLog.query().where('action', 'resident.updated'), 0)
  })

  test('removing a mobile number takes effect at once', async ({ assert }) => {
    const { central, police, admin } = await world()
    const resident = await createResident(central, [police], {
      email: 'ada@example.test',
      phone: '+447400123456',
    })
    const saved = await admin.submit(
      `/staff/residents/${resident.id}/edit`,
      { name: resident.name, email: 'ada@example.test', phone: '', status: 'active' },
      { action: `/staff/residents/${resident.id}` }
    )
    assert.include(saved.text, 'The resident’s details have been saved.')
    await resident.refresh()
    assert.isNull(resident.phone)
    assert.equal(resident.email, 'ada@example.test')
  })

  // An email removed before staff were stopped from removing one: its holder still hears of a new one.
  test('the old address is told of a new email even when the current record has none', async ({
    assert,
  }) => {
    const { central, police, admin } = await world()
    const resident = await createResident(central, [police], {
      email: null,
      emailVerifiedAt: null,
      phone: '+447400123456',
    })
    await AuditLog.create({
      action: 'resident.updated',
      subjectType: 'resident',
      subjectId: resident.id,
      details: { changes: { email: { from: 'former@example.test', to: null } } },
    })
    await admin.submit(
      `/staff/residents/${resident.id}/edit`,
      { name: resident.name, email: 'taker@example.test', phone: '07400 123456', status: 'active' },
      { action: `/staff/residents/${resident.id}` }
    )
    const notice = await smtpSink.waitForMail('former@example.test', (mail) =>
      mail.subject.startsWith('A change to the email address for your alerts')
    )
    assert.include(notice.text, 'Northshire Police asked to change the email address')
  })
})

test.group('Households sharing a landline', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  // Before: confirming was refused as "taken" because the other resident of the house had it.
  test('a landline another resident already has can still be confirmed', async ({ assert }) => {
    const { central, police, admin } = await world()
    await createResident(central, [police], {
      email: 'sam@example.test',
      landline: '+441522552222',
    })
    const resident = await createResident(central, [police], { email: 'ada@example.test' })
    await admin.submit(
      `/staff/residents/${resident.id}/edit`,
      {
        name: resident.name,
        email: 'ada@example.test',
        landline: '01522 552222',
        status: 'active',
      },
      { action: `/staff/residents/${resident.id}` }
    )
    const mail = await smtpSink.waitForMail('ada@example.test', (m) =>
      m.subject.startsWith('Confirm your new landline number')
    )
    const browser = new BrowserLikeSession()
    const link = linkIn(mail.text)
    await browser.get(link)
    const done = await browser.post(new URL(link).pathname)
    assert.include(done.text, 'Your landline number is now 01522 552222')
    await resident.refresh()
    assert.equal(resident.landline, '+441522552222')
  })
})

test.group('Links to confirm a contact change', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('a newer change makes the older link worthless, and a made-up link is not valid', async ({
    assert,
  }) => {
    const { central, police, admin } = await world()
    const resident = await createResident(central, [police], { email: 'ada@example.test' })
    for (const email of ['first@example.test', 'second@example.test']) {
      await admin.submit(
        `/staff/residents/${resident.id}/edit`,
        { name: resident.name, email, status: 'active' },
        { action: `/staff/residents/${resident.id}` }
      )
    }
    const older = linkIn((await smtpSink.waitForMail('first@example.test')).text)
    const browser = new BrowserLikeSession()
    const page = await browser.get(older)
    assert.equal(page.status, 404)
    assert.include(page.text, 'This link is not valid')
    assert.equal((await browser.post(new URL(older).pathname)).status, 404)
    assert.equal(
      (await browser.get('/my-alerts/confirm-change/not-a-real-link-at-all-xyz')).status,
      404
    )
    await resident.refresh()
    assert.equal(resident.email, 'ada@example.test')
    const staffPage = (await admin.get(`/staff/residents/${resident.id}`)).text
    const contacts = visibleText(
      staffPage.slice(staffPage.indexOf('id="contacts"'), staffPage.indexOf('id="areas"'))
    )
    assert.include(contacts, 'Pending confirmation: second@example.test')
    assert.notInclude(contacts, 'first@example.test')
  })
})
