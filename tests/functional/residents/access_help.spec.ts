import { test } from '@japa/runner'
import config from '@adonisjs/core/services/config'
import db from '@adonisjs/lucid/services/db'
import { sqlTime } from '#services/platform/infrastructure/sql_time'
import AccessHelpRequest from '#models/residents/access_help_request'
import AuditLog from '#models/platform/audit_log'
import ResidentToken from '#models/residents/resident_token'
import ResidentErasure from '#services/residents/privacy/resident_erasure'
import ResidentDataExport from '#services/residents/privacy/resident_data_export'
import { MAIL_QUEUE } from '#services/platform/infrastructure/transactional_mail'
import { BrowserLikeSession } from '#tests/helpers/http'
import { smtpSink } from '#tests/helpers/smtp_sink'
import { queueFinished } from '#tests/helpers/queues'
import { countRows, createOrganisation, createStaff, uniqueEmail } from '#tests/helpers/fixtures'
import { residentOf, seedSelfService } from '#tests/helpers/self_service_fixtures'
import { signInStaff } from '#tests/helpers/staff_session'
import { visibleText } from '#tests/helpers/resident_fixtures'
import { emptyTablesAfterwards } from '#tests/helpers/database'

const ANSWER = 'If the email address you gave is signed up for alerts'

function askForHelp(email: string, browser = new BrowserLikeSession()) {
  return browser.submit('/my-alerts/help', {
    name: 'Ada Resident',
    address: 'CF10 1EP',
    email,
    contact: 'Call 020 7946 0123 after 5pm',
  })
}

test.group('Residents who lost access to their email', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('the form is found from the sign-in page and its mistakes are explained', async ({
    assert,
  }) => {
    const start = await new BrowserLikeSession().get('/my-alerts')
    assert.include(start.text, 'href="/my-alerts/help"')
    const page = await new BrowserLikeSession().submit('/my-alerts/help', {
      name: '',
      address: '',
      email: 'not an address',
      contact: '',
    })
    const text = visibleText(page.text)
    assert.include(text, 'There is a problem')
    for (const message of [
      'Enter your name',
      'Enter your postcode or your address',
      'Enter the email address in the correct format, like name@example.com',
      'Tell us how we can reach you, for example a phone number',
    ]) {
      assert.include(text, message)
    }
    assert.equal(await countRows('access_help_requests'), 0)
  })

  test('a registered and an unknown address get the same answer; staff see only what is theirs', async ({
    assert,
  }) => {
    const world = await seedSelfService()
    const resident = await residentOf(world)
    const elsewhere = await createOrganisation('Another Force')
    const sender = await createStaff(world.opcc, 'sender')
    const admin = await createStaff(world.opcc, 'admin')
    const outsider = await createStaff(elsewhere, 'admin')

    const known = await askForHelp(resident.email!.toUpperCase())
    const unknown = await askForHelp(uniqueEmail('stranger'))
    assert.equal(known.status, 200)
    assert.equal(visibleText(known.text), visibleText(unknown.text))
    assert.include(known.text, ANSWER)
    assert.equal(await countRows('access_help_requests'), 2)
    const audited = await AuditLog.query().where('action', 'access_help.requested')
    assert.lengthOf(audited, 2)

    const senderList = visibleText(
      (await (await signInStaff(sender)).get('/staff/access-requests')).text
    )
    assert.include(senderList, 'Call 020 7946 0123 after 5pm')
    assert.include(senderList, 'See their record')
    assert.notInclude(senderList, 'No resident has this email address')

    const adminList = visibleText(
      (await (await signInStaff(admin)).get('/staff/access-requests')).text
    )
    assert.include(adminList, 'See their record')
    assert.include(adminList, 'No resident has this email address')

    // Staff of an organisation the resident never agreed to hear from see only the unmatched one.
    const outsiderList = visibleText(
      (await (await signInStaff(outsider)).get('/staff/access-requests')).text
    )
    assert.notInclude(outsiderList, 'See their record')
    assert.include(outsiderList, 'No resident has this email address')
  })

  test('staff send a link to the address on record only, and the request is marked done', async ({
    assert,
  }) => {
    const world = await seedSelfService()
    const resident = await residentOf(world)
    const sender = await createStaff(world.opcc, 'sender')
    await askForHelp(resident.email!)
    const staff = await signInStaff(sender)

    const record = await staff.get(`/staff/residents/${resident.id}`)
    const recordText = visibleText(record.text)
    assert.include(recordText, 'An open request for help signing in')
    assert.include(recordText, 'from Ada Resident, who asked to be reached by: Call 020 7946 0123')
    // A tampered form cannot choose the address: the link goes to the one on record.
    const done = await staff.post(`/staff/residents/${resident.id}/sign-in-link`, {
      email: 'attacker@example.test',
    })
    assert.include(
      visibleText(done.text),
      `A sign-in link has been sent to ${resident.email}, the address on record.`
    )
    await queueFinished(MAIL_QUEUE)
    const mail = await smtpSink.waitForMail(
      resident.email!,
      (received) => received.subject === 'Your link to manage your alerts'
    )
    assert.match(mail.text, /\/my-alerts\/sign-in\/[A-Za-z0-9_-]{40,}/)
    assert.lengthOf(smtpSink.mailTo('attacker@example.test'), 0)
    assert.lengthOf(await ResidentToken.query().where('resident_id', resident.id), 1)

    const request = await AccessHelpRequest.firstOrFail()
    assert.isNotNull(request.doneAt)
    assert.equal(request.doneById, sender.id)
    const audit = await AuditLog.query().where('action', 'resident.sign_in_link_sent').firstOrFail()
    assert.equal(audit.subjectId, resident.id)
    assert.equal(audit.userId, sender.id)
    assert.deepEqual(audit.details, { accessHelpRequestsDone: [request.id] })
    const list = (await staff.get('/staff/access-requests')).text
    assert.include(list, 'govuk-tag--grey">Done')
    assert.notInclude(list, 'govuk-tag--yellow">Open')
  })

  test('staff cannot send a link to a resident of another organisation', async ({ assert }) => {
    const world = await seedSelfService()
    const resident = await residentOf(world)
    const elsewhere = await createOrganisation('Another Force')
    const outsider = await signInStaff(await createStaff(elsewhere, 'admin'))
    await outsider.get('/staff/access-requests')
    const page = await outsider.post(`/staff/residents/${resident.id}/sign-in-link`)
    assert.equal(page.status, 404)
    assert.equal(await countRows('resident_tokens'), 0)
  })

  test('the list is paginated, and one address cannot pile up requests', async ({ assert }) => {
    const world = await seedSelfService()
    const admin = await createStaff(world.opcc, 'admin')
    for (let index = 0; index < 21; index++) {
      await AccessHelpRequest.create({
        name: `Asker ${index}`,
        address: 'CF10 1EP',
        email: uniqueEmail('asker'),
        contact: 'Phone',
        residentId: null,
      })
    }
    const staff = await signInStaff(admin)
    const first = await staff.get('/staff/access-requests')
    assert.include(first.text, 'href="/staff/access-requests?page=2"')
    const second = visibleText((await staff.get('/staff/access-requests?page=2')).text)
    assert.equal((second.match(/No resident has this email address/g) ?? []).length, 1)

    const before = await countRows('access_help_requests')
    for (let index = 0; index < 4; index++) await askForHelp('same@example.test')
    assert.equal((await countRows('access_help_requests')) - before, 3)
  })

  test('too many requests from one address get a plain 429 page', async ({ assert, cleanup }) => {
    const limit = config.get<number>('beacon.rateLimits.publicForms')
    config.set('beacon.rateLimits.publicForms', 1)
    cleanup(() => config.set('beacon.rateLimits.publicForms', limit))
    const browser = new BrowserLikeSession()
    await askForHelp('someone@example.test', browser)
    const page = await askForHelp('someone@example.test', browser)
    assert.equal(page.status, 429)
  })

  test('the resident’s requests are in their data download, and erasure removes them', async ({
    assert,
  }) => {
    const world = await seedSelfService()
    const resident = await residentOf(world)
    const bystander = await residentOf(world)
    await askForHelp(resident.email!)
    await askForHelp(bystander.email!)

    const data = await ResidentDataExport.collect(resident.id)
    assert.deepInclude(data.accessHelpRequests as object[], {
      askedAt: (await AccessHelpRequest.findByOrFail('email', resident.email)).createdAt.toISO(),
      name: 'Ada Resident',
      address: 'CF10 1EP',
      email: resident.email!,
      howToReach: 'Call 020 7946 0123 after 5pm',
      answered: false,
    })

    await ResidentErasure.erase(resident.id)
    const left = await AccessHelpRequest.all()
    assert.deepEqual(
      left.map((request) => request.email),
      [bystander.email]
    )
  })

  test('a resident who withdrew from every organisation is left to admins, who cannot open the record', async ({
    assert,
  }) => {
    const world = await seedSelfService()
    const resident = await residentOf(world)
    await db.from('consents').where('resident_id', resident.id).update({ withdrawn_at: sqlTime() })
    const sender = await createStaff(world.opcc, 'sender')
    const admin = await createStaff(world.fire, 'admin')
    await askForHelp(resident.email!)

    const senderList = visibleText(
      (await (await signInStaff(sender)).get('/staff/access-requests')).text
    )
    assert.include(senderList, 'No requests.')
    const adminList = visibleText(
      (await (await signInStaff(admin)).get('/staff/access-requests')).text
    )
    assert.include(
      adminList,
      'The resident with this address has withdrawn from every organisation'
    )
    assert.notInclude(adminList, 'See their record')
  })
})
