import { randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import AuditLog from '#models/platform/audit_log'
import Organisation from '#models/platform/organisation'
import StaffInvitation from '#models/platform/staff_invitation'
import { smtpSink } from '#tests/helpers/smtp_sink'
import { createOrganisation, createResident, createStaff, seedAreas } from '#tests/helpers/fixtures'
import { signInStaff } from '#tests/helpers/staff_session'
import { UploadingSession } from '#tests/helpers/multipart_upload'
import { emptyTablesAfterwards } from '#tests/helpers/database'

const LIST = '/staff/settings/organisations'

async function installAdmin() {
  const home = await createOrganisation('Northshire OPCC')
  const admin = await createStaff(home, 'admin', { installAdmin: true })
  return { home, admin, browser: await signInStaff(admin) }
}

/** The organisation names in the list, in order. */
function namesIn(html: string) {
  const table = html.match(/<table class="govuk-table" id="organisations">[\s\S]*?<\/table>/)?.[0]
  return [
    ...(table ?? '').matchAll(
      /<a class="govuk-link" href="\/staff\/settings\/organisations\/\d+">([^<]+)<\/a>/g
    ),
  ].map((match) => match[1])
}

test.group('Settings → Organisations', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('only install admins reach it: an organisation’s admin gets 403 on every page and action', async ({
    assert,
  }) => {
    const police = await createOrganisation('Northshire Police')
    const fire = await createOrganisation('Northshire Fire')
    const admin = await signInStaff(await createStaff(police, 'admin'))
    const pages = [
      '',
      '/new',
      `/${fire.id}`,
      `/${fire.id}/invite`,
      `/${fire.id}/suspend`,
      `/${fire.id}/reactivate`,
    ]
    for (const path of pages) {
      const page = await admin.get(`${LIST}${path}`)
      assert.equal(page.status, 403, path)
      assert.notInclude(page.text, 'Northshire Fire', path)
    }
    await admin.get('/staff')
    for (const path of ['', `/${fire.id}`, `/${fire.id}/invite`, `/${fire.id}/suspend`]) {
      assert.equal(
        (
          await admin.post(`${LIST}${path}`, {
            name: 'Taken over',
            type: 'other',
            reason: 'x',
            email: 'x@y.test',
          })
        ).status,
        403,
        path
      )
    }
    await fire.refresh()
    assert.equal(fire.name, 'Northshire Fire')
    assert.isNull(fire.suspendedAt)
    assert.lengthOf(await StaffInvitation.all(), 0)
  })

  test('the list counts staff and consenting residents, searches, sorts and pages', async ({
    assert,
  }) => {
    const { central } = await seedAreas()
    const { home, browser } = await installAdmin()
    const fire = await createOrganisation('Northshire Fire')
    await createStaff(fire, 'sender')
    await createStaff(fire, 'admin')
    await createResident(central, [fire])
    await createResident(central, [fire, home])
    for (let n = 1; n <= 25; n++)
      await createOrganisation(`Watch group ${String(n).padStart(2, '0')}`)

    const first = await browser.get(LIST)
    assert.include(first.text, '27 organisations')
    assert.deepEqual(namesIn(first.text).slice(0, 3), [
      'Northshire Fire',
      'Northshire OPCC',
      'Watch group 01',
    ])
    assert.lengthOf(namesIn(first.text), 25)
    assert.include(first.text, 'aria-sort="ascending"')
    const second = await browser.get(`${LIST}?sort=name&direction=asc&page=2`)
    assert.deepEqual(namesIn(second.text), ['Watch group 24', 'Watch group 25'])

    const byResidents = await browser.get(`${LIST}?sort=residents&direction=desc`)
    assert.deepEqual(namesIn(byResidents.text).slice(0, 2), ['Northshire Fire', 'Northshire OPCC'])
    const row = byResidents.text.match(/Northshire Fire<\/a><\/td>[\s\S]*?<\/tr>/)![0]
    assert.match(row, /numeric">2<\/td>\s*<td[^>]*numeric">2<\/td>/, 'two staff, two residents')

    const found = await browser.get(`${LIST}?q=fire`)
    assert.deepEqual(namesIn(found.text), ['Northshire Fire'])
    const none = await browser.get(`${LIST}?q=ambulance`)
    assert.include(none.text, 'No organisation’s name matches “ambulance”')
    // Nonsense in the query string falls back to the default order.
    assert.equal((await browser.get(`${LIST}?sort=drop&direction=sideways&page=-3`)).status, 200)
  })

  test('creates an organisation, invites its first admin and records both', async ({ assert }) => {
    const { browser, admin } = await installAdmin()
    const email = `chief-${randomUUID().slice(0, 8)}@fire.test`
    await browser.get(`${LIST}/new`)
    const created = await browser.submit(
      `${LIST}/new`,
      {
        name: 'Northshire Fire and Rescue',
        type: 'fire',
        adminEmail: email,
        contactEmail: 'Alerts@Fire.test',
        website: 'https://fire.example',
      },
      { action: LIST }
    )
    assert.include(
      created.text,
      `Northshire Fire and Rescue has been created. An invitation to be its admin has been sent to ${email}.`
    )
    const organisation = await Organisation.findByOrFail('name', 'Northshire Fire and Rescue')
    assert.equal(organisation.type, 'fire')
    assert.equal(organisation.slug, 'northshire-fire-and-rescue')
    assert.equal(organisation.contactEmail, 'alerts@fire.test')

    const invitation = await StaffInvitation.findByOrFail('email', email)
    assert.equal(invitation.organisationId, organisation.id)
    assert.equal(invitation.role, 'admin')
    const mail = await smtpSink.waitForMail(email)
    assert.equal(
      mail.subject,
      'You are invited to join Northshire Fire and Rescue on Community alerts'
    )
    assert.include(mail.text, `${admin.fullName} has invited you`)

    const actions = await AuditLog.query().where('organisation_id', organisation.id).orderBy('id')
    assert.deepEqual(
      actions.map((entry) => entry.action),
      ['organisation.created', 'staff_invitation.sent']
    )
    assert.equal(actions[0].userId, admin.id)
  })

  test('refuses a missing or duplicate name, an unknown type and a malformed email, in plain English', async ({
    assert,
  }) => {
    const { browser } = await installAdmin()
    await createOrganisation('Northshire Fire')
    await browser.get(`${LIST}/new`)
    const empty = await browser.submit(
      `${LIST}/new`,
      { name: '', adminEmail: 'not an email' },
      { action: LIST }
    )
    assert.include(empty.text, 'Enter the name of the organisation')
    assert.include(empty.text, 'Choose the kind of organisation')
    assert.include(empty.text, 'Enter the first admin’s email address in the correct format')
    const duplicate = await browser.submit(
      `${LIST}/new`,
      { name: 'northshire fire', type: 'fire' },
      { action: LIST }
    )
    assert.include(duplicate.text, 'There is already an organisation with this name')
    const badSlug = await browser.submit(
      `${LIST}/new`,
      { name: 'Northshire Police', type: 'police', slug: 'Not A Slug!' },
      { action: LIST }
    )
    assert.include(
      badSlug.text,
      'The short name must use only lower-case letters, numbers and hyphens'
    )
    const badType = await browser.submit(
      `${LIST}/new`,
      { name: 'Northshire Police', type: 'army' },
      { action: LIST }
    )
    assert.include(badType.text, 'Choose the kind of organisation from the list')
    assert.lengthOf(await Organisation.query().where('name', 'Northshire Police'), 0)
  })

  test('renames, changes type and contact details; a taken name is refused', async ({ assert }) => {
    const { browser } = await installAdmin()
    const fire = await createOrganisation('Northshire Fire')
    await createOrganisation('Northshire Police')
    await browser.get(`${LIST}/${fire.id}`)
    const taken = await browser.submit(`${LIST}/${fire.id}`, {
      name: 'Northshire Police',
      type: 'fire',
    })
    assert.include(taken.text, 'There is already an organisation with this name')
    const badWebsite = await browser.submit(`${LIST}/${fire.id}`, {
      name: 'Northshire Fire',
      type: 'fire',
      website: 'fire.example',
    })
    assert.include(badWebsite.text, 'Enter the website as a full address starting with https://')
    const saved = await browser.submit(`${LIST}/${fire.id}`, {
      name: 'Northshire Fire and Rescue',
      type: 'fire',
      contactPhone: '01234 567890',
      address: '1 Station Road\nNorthtown',
    })
    assert.include(saved.text, 'Northshire Fire and Rescue has been saved.')
    const slug = fire.slug
    await fire.refresh()
    assert.equal(fire.name, 'Northshire Fire and Rescue')
    assert.equal(fire.slug, slug, 'its sign-up link keeps working')
    assert.equal(fire.contactPhone, '01234 567890')
    const entry = await AuditLog.findByOrFail('action', 'organisation.updated')
    assert.equal(entry.details!.renamedFrom, 'Northshire Fire')
  })

  test('suspends after asking why, and reactivates after asking; both audited', async ({
    assert,
  }) => {
    const { browser } = await installAdmin()
    const fire = await createOrganisation('Northshire Fire')
    const confirm = await browser.get(`${LIST}/${fire.id}/suspend`)
    assert.include(confirm.text, 'Suspend Northshire Fire?')
    assert.include(confirm.text, 'Its staff will not be able to send or schedule alerts')
    const noReason = await browser.submit(`${LIST}/${fire.id}/suspend`, { reason: ' ' })
    assert.include(noReason.text, 'Enter the reason: the organisation’s staff will see it')
    await fire.refresh()
    assert.isNull(fire.suspendedAt)

    const suspended = await browser.submit(`${LIST}/${fire.id}/suspend`, {
      reason: 'Contract ended',
    })
    assert.include(suspended.text, 'Northshire Fire is suspended. Its staff cannot send alerts.')
    assert.include((await browser.get(LIST)).text, 'Suspended')
    await fire.refresh()
    assert.equal(fire.suspensionReason, 'Contract ended')
    const twice = await browser.post(`${LIST}/${fire.id}/suspend`, { reason: 'Again' })
    assert.include(twice.text, 'Northshire Fire was already suspended.')

    const ask = await browser.get(`${LIST}/${fire.id}/reactivate`)
    assert.include(ask.text, 'Reactivate Northshire Fire?')
    const active = await browser.submit(`${LIST}/${fire.id}/reactivate`, {})
    assert.include(active.text, 'Northshire Fire is active again.')
    const again = await browser.post(`${LIST}/${fire.id}/reactivate`)
    assert.include(again.text, 'Northshire Fire is not suspended.')
    await fire.refresh()
    assert.isNull(fire.suspendedAt)
    const actions = await AuditLog.query().where('subject_type', 'organisation').orderBy('id')
    assert.deepEqual(
      actions.map((entry) => entry.action),
      ['organisation.suspended', 'organisation.reactivated']
    )
    assert.equal(actions[0].details!.reason, 'Contract ended')
  })

  test('invites another admin; an address already invited is refused', async ({ assert }) => {
    const { browser } = await installAdmin()
    const fire = await createOrganisation('Northshire Fire')
    const email = `deputy-${randomUUID().slice(0, 8)}@fire.test`
    await browser.get(`${LIST}/${fire.id}/invite`)
    const sent = await browser.submit(`${LIST}/${fire.id}/invite`, { email })
    assert.include(
      sent.text,
      `An invitation to be an admin of Northshire Fire has been sent to ${email}.`
    )
    const again = await browser.submit(`${LIST}/${fire.id}/invite`, { email })
    assert.include(again.text, `${email} has already been invited`)
    assert.include(again.text, `${email} (admin)`)
    const malformed = await browser.submit(`${LIST}/${fire.id}/invite`, { email: 'nope' })
    assert.include(malformed.text, 'Enter an email address in the correct format')
  })

  test('an install admin sets another organisation’s branding; that organisation’s admin cannot use this address', async ({
    assert,
  }) => {
    const { admin } = await installAdmin()
    // The form takes a logo, so a browser sends it as multipart/form-data.
    const browser = await signInStaff(admin, new UploadingSession())
    const fire = await createOrganisation('Northshire Fire')
    const form = await browser.get(`${LIST}/${fire.id}/branding`)
    assert.include(form.text, 'Branding of Northshire Fire')
    assert.include(form.text, 'enctype="multipart/form-data"')
    const saved = await browser.postMultipart(
      `${LIST}/${fire.id}/branding`,
      { senderName: 'Northshire Fire Alerts', brandColour: '#00703C' },
      {}
    )
    assert.include(saved.text, 'Branding saved.')
    assert.equal(new URL(saved.url).pathname, `${LIST}/${fire.id}/branding`)
    await fire.refresh()
    assert.equal(fire.senderName, 'Northshire Fire Alerts')
    const entry = await AuditLog.findByOrFail('action', 'organisation.branding_updated')
    assert.equal(entry.organisationId, fire.id)

    const fireAdmin = await signInStaff(await createStaff(fire, 'admin'))
    assert.equal((await fireAdmin.get(`${LIST}/${fire.id}/branding`)).status, 403)
    assert.equal((await fireAdmin.get('/staff/settings/branding')).status, 200)
  })
})
