import { test } from '@japa/runner'
import { BrowserLikeSession } from '#tests/helpers/http'
import Resident from '#models/residents/resident'
import { smtpSink } from '#tests/helpers/smtp_sink'
import {
  countRows,
  createOrganisation,
  createResident,
  seedAreas,
  uniqueEmail,
} from '#tests/helpers/fixtures'
import { answerUpToCheck } from '#tests/helpers/sign_up_fixtures'
import { emptyTablesAfterwards } from '#tests/helpers/database'

test.group('Sign-up form', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('empty steps explain every missing answer and save nothing', async ({ assert }) => {
    const { central } = await seedAreas()
    const browser = new BrowserLikeSession()
    const postcode = await browser.submit('/sign-up', {}, { action: '/sign-up/postcode' })
    assert.equal(postcode.status, 200)
    assert.include(postcode.text, 'There is a problem')
    assert.include(postcode.text, 'Enter your postcode')

    const ward = await browser.submit('/sign-up/ward', {})
    assert.include(ward.text, 'There is a problem')
    assert.include(ward.text, 'Choose the ward where you live')

    await browser.submit('/sign-up/ward', { wardId: central.id })
    const contact = await browser.submit('/sign-up/contact', {})
    assert.include(contact.text, 'There is a problem')
    assert.include(contact.text, 'Enter your name')
    assert.include(
      contact.text,
      'Enter at least one way to contact you: an email address, a mobile number or a landline number'
    )
    assert.equal(await countRows('residents'), 0)
  })

  test('an invalid email address is explained beside the field', async ({ assert }) => {
    const { central } = await seedAreas()
    const response = await answerUpToCheck(new BrowserLikeSession(), central, {
      name: 'Ada',
      email: 'not-an-email',
    })
    assert.include(
      response.text,
      'Enter an email address in the correct format, like name@example.com'
    )
    assert.include(response.text, 'value="Ada"')
    assert.equal(await countRows('residents'), 0)
  })

  test('a name that is too long is refused', async ({ assert }) => {
    const { central } = await seedAreas()
    const response = await answerUpToCheck(new BrowserLikeSession(), central, {
      name: 'A'.repeat(101),
      email: uniqueEmail(),
    })
    assert.include(response.text, 'Your name must be 100 characters or fewer')
    assert.equal(await countRows('residents'), 0)
  })

  test('an unknown ward, or a district instead of a ward, is refused', async ({ assert }) => {
    const { boston } = await seedAreas()
    for (const wardId of [999999, boston.id, 'central']) {
      const response = await new BrowserLikeSession().submit('/sign-up/ward', { wardId })
      assert.include(response.text, 'Choose the ward where you live from the list')
      assert.notInclude(response.text, 'How can we contact you?')
    }
    assert.equal(await countRows('residents'), 0)
  })

  test('a form without the CSRF token is refused', async ({ assert }) => {
    const { central } = await seedAreas()
    const browser = new BrowserLikeSession()
    await browser.submit('/sign-up/ward', { wardId: central.id })
    const response = await browser.submit(
      '/sign-up/contact',
      { name: 'Ada', email: uniqueEmail() },
      { csrf: false }
    )
    assert.include(response.text, 'your answers were not sent')
    assert.include(response.text, 'value="Ada"')
    assert.equal(await countRows('residents'), 0)
  })

  test('a valid sign-up is pending until confirmed and gets a confirmation email', async ({
    assert,
  }) => {
    const { central } = await seedAreas()
    const email = uniqueEmail()
    const browser = new BrowserLikeSession()
    const check = await answerUpToCheck(browser, central, {
      name: 'Ada Lovelace',
      email: email.toUpperCase(),
    })
    assert.include(check.text, 'Check your answers')
    assert.equal(await countRows('residents'), 0)
    const response = await browser.post('/sign-up')
    assert.include(response.text, 'Check your email')

    const resident = await Resident.findByOrFail('email', email)
    assert.equal(resident.status, 'pending')
    await resident.load('areas')
    assert.sameMembers(
      resident.areas.map((area) => area.name),
      ['Central', 'Boston']
    )
    const mail = await smtpSink.waitForMail(
      email,
      (received) => received.subject === 'Confirm your local alerts'
    )
    assert.match(mail.text, /\/confirm\/[A-Za-z0-9_-]{40,}/)
  })

  test('signing up with a registered address answers the same and tells the owner', async ({
    assert,
  }) => {
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    const existing = await createResident(central, [organisation])
    const browser = new BrowserLikeSession()
    await answerUpToCheck(browser, central, { name: 'Somebody Else', email: existing.email! })
    const response = await browser.post('/sign-up')
    assert.include(response.text, 'Check your email')
    await smtpSink.waitForMail(
      existing.email!,
      (mail) => mail.subject === 'Someone tried to sign you up for local alerts'
    )
    assert.equal(await countRows('residents'), 1)
    await existing.refresh()
    assert.equal(existing.name, 'Test Resident')
    assert.equal(existing.status, 'active')
    assert.equal(await countRows('resident_tokens'), 0)
  })
})
