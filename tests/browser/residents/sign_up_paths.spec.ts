import db from '@adonisjs/lucid/services/db'
import { test } from '@japa/runner'
import env from '#start/env'
import Resident from '#models/residents/resident'
import verificationDeliverers from '#services/platform/plugins/verification_deliverers'
import { smtpSink } from '#tests/helpers/smtp_sink'
import { assertAccessible } from '#tests/helpers/accessibility'
import { createOrganisation, createStaff, uniqueEmail } from '#tests/helpers/fixtures'
import { createInterest, createScheme } from '#tests/helpers/resident_fixtures'
import {
  loadLincolnshire,
  seedMappedAreas,
  skipQuestionsInBrowser,
} from '#tests/helpers/sign_up_fixtures'
import { signInStaffInBrowser } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'

async function areasOf(email: string) {
  const registered = await Resident.query().where('email', email).preload('areas').firstOrFail()
  return registered.areas.map((area) => area.name).sort()
}

function confirmationLink(text: string) {
  const link = text.match(/http:\/\/\S+\/confirm\/\S+/)?.[0]
  if (!link) throw new Error(`No confirmation link in:\n${text}`)
  return link
}

test.group('Sign-up paths', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('by the ward list, answering each question', async ({ visit, assert }) => {
    const { skirbeck } = await seedMappedAreas()
    await createOrganisation('Lincolnshire OPCC')
    await createInterest('Burglary')
    await createScheme('Skirbeck Watch', 'neighbourhood_watch', skirbeck)
    const email = uniqueEmail('ward')

    const page = await visit('/')
    await page.getByRole('button', { name: 'Sign up for alerts' }).click()
    await page.assertTextContains('h1', 'What is your postcode?')
    await assertAccessible(page)
    await page.getByRole('link', { name: 'Choose your ward from a list' }).click()
    await page.assertTextContains('h1', 'Which ward do you live in?')
    await assertAccessible(page)

    // As the resident types, the matching wards appear.
    await page.getByLabel('Search for your ward by name').pressSequentially('kirb')
    await page.assertTextContains('#ward-search-status', '1 ward matches “kirb”.')
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.assertTextContains('.govuk-error-summary', 'Choose the ward where you live')
    // The refused answer comes back to the same results.
    assert.equal(await page.getByLabel('Search for your ward by name').inputValue(), 'kirb')
    await assertAccessible(page)
    await page.getByLabel('Skirbeck (Boston)').check()
    await page.getByRole('button', { name: 'Continue' }).click()

    await page.assertTextContains('h1', 'How can we contact you?')
    await assertAccessible(page)
    await page.getByLabel('Your name').fill('Ada Lovelace')
    await page.getByLabel('Email address').fill(email)
    await page.getByRole('button', { name: 'Continue' }).click()

    // What they care about and how they want alerts, one question a page.
    await page.assertTextContains('h1', 'Which topics interest you?')
    await assertAccessible(page)
    await page.getByLabel('Burglary').check()
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.assertTextContains('h1', 'Are you a member of a watch scheme?')
    await page.assertTextContains('main', 'The scheme’s coordinator will confirm you are a member.')
    await assertAccessible(page)
    await page.getByLabel('Skirbeck Watch').check()
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.assertTextContains('h1', 'What is the lowest priority of alert you want?')
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.assertTextContains(
      '.govuk-error-summary',
      'Choose the lowest priority of alert you want to get'
    )
    await assertAccessible(page)
    await page.getByLabel('3 – Warning').check()
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.assertTextContains('h1', 'Do you want a quiet time?')
    await page.getByLabel('Yes').check()
    await page.getByLabel('From').fill('21:00')
    await page.getByLabel('To', { exact: true }).fill('07:00')
    await assertAccessible(page)
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.assertTextContains('h1', 'About you (optional)')
    await assertAccessible(page)
    await page.getByLabel('35 to 44').check()
    await page.getByRole('button', { name: 'Continue' }).click()

    await page.assertTextContains('h1', 'Check your answers')
    await page.assertTextContains('#answer-about-you', '35 to 44')
    await page.assertTextContains('#answer-areas', 'Skirbeck, Boston')
    await page.assertTextContains('#answer-topics', 'Burglary')
    await page.assertTextContains('#answer-schemes', 'Skirbeck Watch')
    await page.assertTextContains(
      '#answer-schemes',
      'The scheme’s coordinator will confirm you are a member.'
    )
    await page.assertTextContains('#answer-priority', '3 – Warning')
    await page.assertTextContains('#answer-quiet-time', 'From 21:00 to 07:00')
    await page.assertTextContains('#answer-quiet-time', 'Emergencies still come')
    await page.assertTextContains('main', 'Lincolnshire OPCC may send you alerts')
    await assertAccessible(page)
    await page.getByRole('button', { name: 'Sign up' }).click()

    await page.assertTextContains('h1', 'Check your email')
    await page.assertTextContains('#next-steps', 'Alerts then come from Lincolnshire OPCC')
    await page.assertTextContains('#sample-alert', 'Lincolnshire OPCC')
    await assertAccessible(page)
    const mail = await smtpSink.waitForMail(email, (m) => m.subject === 'Confirm your local alerts')
    assert.include(mail.text, 'local alerts for Skirbeck, Boston')
    assert.deepEqual(await areasOf(email), ['Boston', 'Skirbeck'])
    const registered = await Resident.findByOrFail('email', email)
    assert.equal(registered.priorityThreshold, 3)
    // The ticked scheme is asked for, not joined: its coordinator decides.
    const asked = await db.from('scheme_join_requests').where('resident_id', registered.id)
    assert.deepEqual(
      asked.map((row) => row.status),
      ['pending']
    )
    assert.lengthOf(await db.from('scheme_members').where('resident_id', registered.id), 0)
  })

  test('the questions without JavaScript: the quiet times are on the page, and skipping works', async ({
    browser,
    assert,
  }) => {
    const { central } = await seedMappedAreas()
    await createInterest('Burglary')
    const email = uniqueEmail('nojs')
    const context = await browser.newContext({
      javaScriptEnabled: false,
      baseURL: env.get('APP_URL'),
    })
    try {
      const page = await context.newPage()
      await page.goto(`/sign-up/ward?district=${central.parentId}`)
      await page.getByLabel('Central (Boston)').check()
      await page.getByRole('button', { name: 'Continue' }).click()
      await page.getByLabel('Your name').fill('Ada Lovelace')
      await page.getByLabel('Email address').fill(email)
      await page.getByRole('button', { name: 'Continue' }).click()
      await page.assertTextContains('h1', 'Which topics interest you?')
      await page.getByRole('button', { name: 'Skip this question' }).click()
      await page.assertTextContains('h1', 'What is the lowest priority of alert you want?')
      await page.getByRole('button', { name: 'Skip this question' }).click()
      await page.assertTextContains('h1', 'Do you want a quiet time?')
      await page.getByLabel('Yes').check()
      await page.getByLabel('From').fill('22:30')
      await page.getByLabel('To', { exact: true }).fill('06:30')
      await page.getByLabel('Send me emergencies during my quiet time').uncheck()
      await page.getByRole('button', { name: 'Continue' }).click()
      await page.assertTextContains('h1', 'About you (optional)')
      await page.getByRole('button', { name: 'Skip these questions' }).click()
      await page.assertTextContains('#answer-topics', 'None chosen')
      await page.assertTextContains('#answer-priority', '1 – Information')
      await page.assertTextContains('#answer-quiet-time', 'From 22:30 to 06:30')
      await page.getByRole('button', { name: 'Sign up' }).click()
      await page.assertTextContains('h1', 'Check your email')
      const registered = await Resident.findByOrFail('email', email)
      assert.equal(registered.priorityThreshold, 1)
    } finally {
      await context.close()
    }
  })

  test('by the ward list without JavaScript: a search, or a district then its wards', async ({
    browser,
    assert,
  }) => {
    await seedMappedAreas()
    const context = await browser.newContext({
      javaScriptEnabled: false,
      baseURL: env.get('APP_URL'),
    })
    try {
      const page = await context.newPage()
      await page.goto('/sign-up/ward')
      const search = page.getByLabel('Search for your ward by name')
      await search.fill('Basingstoke')
      await page.getByRole('button', { name: 'Search' }).click()
      await page
        .getByText('No ward matches “Basingstoke”. Check the spelling, try fewer letters')
        .waitFor()
      await search.fill('castle')
      await page.getByRole('button', { name: 'Search' }).click()
      await page.getByText('1 ward matches “castle”.').waitFor()
      assert.equal(await page.getByRole('radio').count(), 1)

      await page.getByRole('link', { name: 'Boston' }).click()
      await page.assertTextContains('legend', 'Wards in Boston')
      assert.deepEqual(await page.locator('.govuk-radios__label').allTextContents(), [
        'Central (Boston)',
        'Skirbeck (Boston)',
      ])
      await page.getByLabel('Central (Boston)').check()
      await page.getByRole('button', { name: 'Continue' }).click()
      await page.assertTextContains('h1', 'How can we contact you?')

      // Back to change it: the ward chosen is shown among its district's, checked.
      await page.goto('/sign-up/ward')
      assert.isTrue(await page.getByLabel('Central (Boston)').isChecked())
    } finally {
      await context.close()
    }
  })

  test('by a point on the map', async ({ visit, assert }) => {
    await seedMappedAreas()
    const email = uniqueEmail('map')

    const page = await visit('/sign-up')
    await page.getByRole('link', { name: 'Find your home on a map' }).click()
    await page.assertTextContains('h1', 'Show us where you live on a map')
    const central = page.locator('path[data-area-code="M-W1"]')
    await central.waitFor()
    await page.assertNotVisible('#map-unavailable')
    await assertAccessible(page)

    // The centre of the fitted map lies between the two districts: outside every area.
    await page.getByRole('button', { name: 'Put the pin in the centre of the map' }).click()
    await page.assertTextContains('#map-choice', 'Your pin is outside the areas we send alerts to')
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.assertTextContains(
      '.govuk-error-summary',
      'The point you chose is outside the areas we send alerts to'
    )
    await page.assertTextContains('#map-choice', 'Your pin is outside the areas we send alerts to')
    await assertAccessible(page)

    await page.locator('path[data-area-code="M-W1"]').click()
    await page.assertTextContains('#map-choice', 'Your pin is in Central ward, Boston.')
    await page.getByRole('button', { name: 'Continue' }).click()

    await page.assertTextContains('h1', 'How can we contact you?')
    await page.getByLabel('Your name').fill('Mary Somerville')
    await page.getByLabel('Email address').fill(email)
    await page.getByRole('button', { name: 'Continue' }).click()
    await skipQuestionsInBrowser(page)
    await page.assertTextContains('#answer-areas', 'Central, Boston')
    await page.assertTextContains('#answer-areas', 'from the point you chose on the map')
    await page.getByRole('button', { name: 'Sign up' }).click()
    await page.assertTextContains('h1', 'Check your email')

    await smtpSink.waitForMail(email, (m) => m.subject === 'Confirm your local alerts')
    assert.deepEqual(await areasOf(email), ['Boston', 'Central'])
    const registered = await Resident.findByOrFail('email', email)
    assert.isAbove(registered.lng!, 0)
    assert.isBelow(registered.lng!, 0.1)
  })

  test('by postcode, with the Lincolnshire demo data', async ({ visit, assert }) => {
    await loadLincolnshire()
    const email = uniqueEmail('postcode')

    const page = await visit('/sign-up')
    await page.getByLabel('What is your postcode?').fill('LN1 1AA')
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.assertTextContains('#postcode-error', 'We cannot find this postcode')
    await assertAccessible(page)

    await page.getByLabel('What is your postcode?').fill('ln1 3zz')
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.getByLabel('Your name').fill('Emily Davison')
    await page.getByLabel('Email address').fill(email)
    await page.getByLabel('Mobile phone number').fill('12345')
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.assertTextContains('#mobile-error', 'Enter a UK mobile number')
    await assertAccessible(page)
    await page.getByLabel('Mobile phone number').fill('07400 123456')
    await page.getByRole('button', { name: 'Continue' }).click()
    await skipQuestionsInBrowser(page)

    await page.assertTextContains('#answer-areas', 'Castle, Lincoln')
    await page.assertTextContains('#answer-areas', 'from your postcode LN1 3ZZ')
    await page.assertTextContains('main', '07400 123456')
    await page.getByRole('button', { name: 'Sign up' }).click()
    await page.assertTextContains('h1', 'Check your email')

    const mail = await smtpSink.waitForMail(email, (m) => m.subject === 'Confirm your local alerts')
    assert.include(mail.text, 'local alerts for Castle, Lincoln')
    assert.deepEqual(await areasOf(email), ['Castle', 'Lincoln'])
  })

  test('by phone alone: saved, and told that alerts wait for texts', async ({ visit, assert }) => {
    await seedMappedAreas()
    const page = await visit('/sign-up/ward')
    await page.getByRole('link', { name: 'Lincoln' }).click()
    await page.assertTextContains('legend', 'Wards in Lincoln')
    // axe needs JavaScript: the page without it is checked here, in the district's step.
    await assertAccessible(page)
    await page.getByLabel('Abbey (Lincoln)').check()
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.getByLabel('Your name').fill('Ada Lovelace')
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.assertTextContains('#email-error', 'Enter at least one way to contact you')
    await assertAccessible(page)
    await page.getByLabel('Mobile phone number').fill('07400 123456')
    await page.getByRole('button', { name: 'Continue' }).click()
    await skipQuestionsInBrowser(page)
    await page.getByRole('button', { name: 'Sign up' }).click()
    await page.assertTextContains('h1', 'We have your details')
    await page.assertTextContains('main', 'we will send a code to 07400 123456')
    await assertAccessible(page)
    const registered = await Resident.findByOrFail('phone', '+447400123456')
    assert.equal(registered.status, 'pending')
  })

  test('by phone alone, with texts switched on: the code sent to the mobile starts the alerts', async ({
    visit,
    assert,
    cleanup,
  }) => {
    const codes: string[] = []
    cleanup(
      verificationDeliverers.standIn('mobile', {
        async deliver(message) {
          codes.push(message.code)
          return { delivered: true }
        },
      })
    )
    const { central } = await seedMappedAreas()
    const page = await visit(`/sign-up/ward?district=${central.parentId}`)
    await page.getByLabel('Central (Boston)').check()
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.getByLabel('Your name').fill('Grace Hopper')
    await page.getByLabel('Mobile phone number').fill('07400 123456')
    await page.getByRole('button', { name: 'Continue' }).click()
    await skipQuestionsInBrowser(page)
    await page.assertTextContains('main', 'We will send a 6-digit code to 07400 123456')
    await page.getByRole('button', { name: 'Sign up' }).click()

    await page.assertTextContains('h1', 'Enter the code we sent you')
    await page.getByLabel('Enter the code we sent you').fill('99999x')
    await page.getByRole('button', { name: 'Start my alerts' }).click()
    await page.assertTextContains('#code-error', 'That code is not right')
    await assertAccessible(page)
    await page.getByLabel('Enter the code we sent you').fill(codes[0])
    await page.getByRole('button', { name: 'Start my alerts' }).click()
    await page.assertTextContains('h1', 'Your alerts are on')
    await assertAccessible(page)
    const registered = await Resident.findByOrFail('phone', '+447400123456')
    assert.equal(registered.status, 'active')
  })

  test('on the doorstep, by an officer on a phone', async ({ visit, assert }) => {
    await loadLincolnshire()
    const organisation = await createOrganisation('Lincolnshire Police')
    const officer = await createStaff(organisation, 'officer')
    const email = uniqueEmail('doorstep')

    const page = await visit('/staff/login')
    await page.setViewportSize({ width: 375, height: 740 })

    await signInStaffInBrowser(page, officer)
    await page.getByRole('link', { name: 'Doorstep sign-up' }).click()
    await page.assertTextContains('h1', 'Doorstep sign-up')
    await assertAccessible(page)

    await page.getByLabel('From the ward list').check()
    await page
      .getByLabel('Ward', { exact: true })
      .selectOption({ label: "Spalding St John's (South Holland)" })
    await page.getByLabel('By postcode').check()
    await page.getByLabel('Postcode', { exact: true }).fill('PE12 7ZZ')
    await page.getByLabel('Resident’s name').fill('Florence Nightingale')
    await page.getByLabel('Email address').fill(email)
    await page.getByLabel('Known to officer').check()
    await page.getByLabel('Community influencer').check()
    await page.getByRole('button', { name: 'Register household' }).click()

    await page.assertTextContains(
      '.govuk-notification-banner',
      `Florence Nightingale is registered. Their alerts start when they open the link we have emailed to ${email}.`
    )
    await page.assertInputValue('#name', '')

    const mail = await smtpSink.waitForMail(email, (m) => m.subject === 'Confirm your local alerts')
    assert.include(mail.text, 'local alerts for Holbeach Town, South Holland')
    const registered = await Resident.findByOrFail('email', email)
    assert.equal(registered.source, 'doorstep')
    assert.equal(registered.registeredByUserId, officer.id)
    assert.isTrue(registered.knownToOfficer)
    assert.isTrue(registered.communityInfluencer)

    const resident = await visit(confirmationLink(mail.text))
    await resident.getByRole('button', { name: 'Confirm my alerts' }).click()
    await resident.assertTextContains('h1', 'Your alerts are on')
  })
})
