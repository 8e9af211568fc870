import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import Alert from '#models/messaging/alert'
import Resident from '#models/residents/resident'
import AudienceCount from '#services/targeting/audience_count'
import OrganisationSuspension from '#services/platform/organisations/organisation_suspension'
import ResidentDirectory from '#services/residents/records/resident_directory'
import { smtpSink } from '#tests/helpers/smtp_sink'
import { BrowserLikeSession } from '#tests/helpers/http'
import { answerUpToCheck } from '#tests/helpers/sign_up_fixtures'
import { createOrganisation, createStaff, seedAreas, uniqueEmail } from '#tests/helpers/fixtures'
import { signInStaff } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'

/** Opens the confirmation link of the sign-up email, as the resident does. */
async function confirm(email: string) {
  const mail = await smtpSink.waitForMail(email)
  const path = new URL(mail.text.match(/http:\/\/\S+\/confirm\/[A-Za-z0-9_-]+/)![0]).pathname
  const resident = new BrowserLikeSession()
  await resident.get(path)
  return resident.post(path)
}

async function consentsOf(email: string) {
  const resident = await Resident.findByOrFail('email', email)
  const rows = await db.from('consents').where('resident_id', resident.id).whereNull('withdrawn_at')
  return rows.map((row) => Number(row.organisation_id)).sort()
}

test.group('Consent per organisation at sign-up', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('the organisation a resident came through is ticked; confirming grants only what they ticked', async ({
    assert,
  }) => {
    const { central } = await seedAreas()
    const police = await createOrganisation('Northshire Police')
    const fire = await createOrganisation('Northshire Fire')
    const council = await createOrganisation('Northshire Council')
    await OrganisationSuspension.suspend(council, 'Contract ended')
    const email = uniqueEmail()
    const browser = new BrowserLikeSession()

    await browser.get(`/sign-up?organisation=${fire.slug}`)
    const question = await answerUpToCheck(browser, central, { name: 'Ada', email })
    assert.equal(new URL(question.url).pathname, '/sign-up/organisations')
    assert.include(question.text, 'Who may send you alerts?')
    assert.match(question.text, new RegExp(`value="${fire.id}"[^>]*checked`))
    assert.notMatch(question.text, new RegExp(`value="${police.id}"[^>]*checked`))
    assert.notInclude(
      question.text,
      'Northshire Council',
      'a suspended organisation is not offered'
    )

    const none = await browser.submit('/sign-up/organisations', {})
    assert.include(none.text, 'Select at least one organisation that may send you alerts')
    const forged = await browser.submit('/sign-up/organisations', {
      'organisationIds[]': String(council.id),
    })
    assert.include(forged.text, 'Select organisations from the list')

    const check = await browser.submit('/sign-up/organisations', {
      'organisationIds[]': String(police.id),
    })
    assert.equal(new URL(check.url).pathname, '/sign-up/check')
    assert.include(check.text, 'By signing up you agree that Northshire Police may send you alerts')
    assert.notInclude(check.text, 'Northshire Fire')
    await browser.post('/sign-up')
    // Nothing is granted until the resident confirms.
    assert.deepEqual(await consentsOf(email), [])
    assert.include((await confirm(email)).text, 'Your alerts are on')
    assert.deepEqual(await consentsOf(email), [police.id])

    // Counted and targeted by the organisation they chose, and not by the other.
    const resident = await Resident.findByOrFail('email', email)
    const criteria = { areaIds: [central.id] }
    assert.equal(await AudienceCount.total({ organisationId: police.id, priority: 2, criteria }), 1)
    assert.equal(await AudienceCount.total({ organisationId: fire.id, priority: 2, criteria }), 0)
    assert.exists(
      await ResidentDirectory.query(police.id).where('residents.id', resident.id).first()
    )
    assert.notExists(
      await ResidentDirectory.query(fire.id).where('residents.id', resident.id).first()
    )
    const fireStaff = await signInStaff(await createStaff(fire, 'sender'))
    const fireDraft = await Alert.create({
      organisationId: fire.id,
      title: 'Smoke alarms',
      body: 'Test yours.',
      priority: 2,
      status: 'draft',
      criteria,
    })
    const refused = await fireStaff.post(`/staff/alerts/${fireDraft.id}/send`)
    assert.include(refused.text, 'No confirmed resident matches this target')
  })

  test('with one organisation the question is skipped and that organisation is granted', async ({
    assert,
  }) => {
    const { central } = await seedAreas()
    const only = await createOrganisation('Northshire Police')
    await OrganisationSuspension.suspend(await createOrganisation('Old Watch'), 'Closed down')
    const email = uniqueEmail()
    const browser = new BrowserLikeSession()
    const check = await answerUpToCheck(browser, central, { name: 'Ada', email })
    assert.equal(new URL(check.url).pathname, '/sign-up/check')
    assert.notInclude(check.text, 'Who may send you alerts')
    // Opened directly (an old bookmark, the back button), the question leads on to the check.
    const direct = await browser.get('/sign-up/organisations')
    assert.equal(direct.status, 200)
    assert.equal(new URL(direct.url).pathname, '/sign-up/check')
    await browser.post('/sign-up')
    await confirm(email)
    assert.deepEqual(await consentsOf(email), [only.id])
  })

  test('with every organisation suspended the question is not shown and nothing breaks', async ({
    assert,
  }) => {
    const { central } = await seedAreas()
    const police = await createOrganisation('Northshire Police')
    const browser = new BrowserLikeSession()
    await answerUpToCheck(browser, central, { name: 'Ada', email: uniqueEmail() })
    await OrganisationSuspension.suspend(police, 'Contract ended')
    const direct = await browser.get('/sign-up/organisations')
    assert.equal(direct.status, 200)
    assert.equal(new URL(direct.url).pathname, '/sign-up/check')
    assert.notInclude(direct.text, 'Northshire Police')

    const early = await new BrowserLikeSession().get('/sign-up/organisations')
    assert.equal(new URL(early.url).pathname, '/sign-up')
  })

  test('a doorstep sign-up is granted to the officer’s organisation only', async ({ assert }) => {
    const { central } = await seedAreas()
    const police = await createOrganisation('Northshire Police')
    await createOrganisation('Northshire Fire')
    const officer = await signInStaff(await createStaff(police, 'officer'))
    const email = uniqueEmail()
    await officer.get('/staff/doorstep')
    const done = await officer.submit('/staff/doorstep', {
      name: 'Grace',
      email,
      findBy: 'ward',
      wardId: String(central.id),
    })
    assert.include(done.text, 'Grace is registered.')
    await confirm(email)
    assert.deepEqual(await consentsOf(email), [police.id])
  })
})
