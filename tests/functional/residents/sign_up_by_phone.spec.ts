import { test } from '@japa/runner'
import { capturingDeliverer } from '#tests/helpers/code_deliverers'
import db from '@adonisjs/lucid/services/db'
import Resident from '#models/residents/resident'
import { createOrganisation, createResident, seedAreas } from '#tests/helpers/fixtures'
import { BrowserLikeSession } from '#tests/helpers/http'
import { answerUpToCheck } from '#tests/helpers/sign_up_fixtures'
import { emptyTablesAfterwards } from '#tests/helpers/database'

const path = (page: { url: string }) => new URL(page.url).pathname
/** The message beside the code field, or the banner, as the resident reads it. */
const said = (page: { text: string }) =>
  (
    /id="code-error"[^>]*>([\s\S]*?)<\/p>/.exec(page.text)?.[1] ??
    /govuk-notification-banner__heading">([^<]*)</.exec(page.text)?.[1] ??
    ''
  )
    .replace(/<[^>]+>/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^Error: /, '')

test.group('Sign-up by phone alone, with a plugin that sends codes', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('a code goes to the mobile, and the alerts start once it is typed back', async ({
    assert,
    cleanup,
  }) => {
    const delivered = capturingDeliverer('mobile', cleanup)
    const { central } = await seedAreas()
    const police = await createOrganisation('Northshire Police')
    const browser = new BrowserLikeSession()
    const check = await answerUpToCheck(browser, central, { name: 'Ada', mobile: '07400 123456' })
    assert.include(check.text, 'We will send a 6-digit code to 07400 123456')
    assert.notInclude(check.text, 'not switched on yet')

    const codePage = await browser.post('/sign-up')
    assert.equal(path(codePage), '/sign-up/phone-code')
    assert.include(codePage.text, 'We sent a text message with a 6-digit code to 07400 123456.')
    assert.lengthOf(delivered, 1)
    assert.equal(delivered[0].number, '+447400123456')
    const resident = await Resident.findByOrFail('phone', '+447400123456')
    assert.equal(resident.status, 'pending')

    const wrong = await browser.submit('/sign-up/phone-code', {
      code: '000000' === delivered[0].code ? '111111' : '000000',
    })
    assert.include(
      said(wrong),
      'That code is not right. Check it and try again: you have 4 tries left'
    )

    const done = await browser.submit('/sign-up/phone-code', { code: delivered[0].code })
    assert.equal(path(done), '/sign-up/check-your-email')
    assert.include(done.text, 'Your alerts are on')
    assert.include(done.text, 'Alerts will reach you at 07400 123456')
    assert.include(done.text, 'Alerts then come from Northshire Police')
    await resident.refresh()
    assert.equal(resident.status, 'active')
    assert.isNotNull(resident.phoneVerifiedAt)
    const consents = await db.from('consents').where('resident_id', resident.id)
    assert.deepEqual(
      consents.map((row) => Number(row.organisation_id)),
      [police.id]
    )
    // The step is over: opening it again starts a new sign-up.
    assert.equal(path(await browser.get('/sign-up/phone-code')), '/sign-up')
  })

  test('a number already signed up gets the same pages and answers, and no code', async ({
    assert,
    cleanup,
  }) => {
    const delivered = capturingDeliverer('mobile', cleanup)
    const { central } = await seedAreas()
    const police = await createOrganisation('Northshire Police')
    await createResident(central, [police], { email: null, phone: '+447400999999' })

    /** What a resident sees, step by step, signing up with this number. */
    async function walk(mobile: string) {
      const browser = new BrowserLikeSession()
      await answerUpToCheck(browser, central, { name: 'Ada', mobile })
      const seen = [said(await browser.post('/sign-up'))]
      for (let guess = 0; guess < 5; guess++) {
        seen.push(said(await browser.submit('/sign-up/phone-code', { code: '12345x' })))
      }
      for (let resend = 0; resend < 3; resend++) {
        seen.push(said(await browser.post('/sign-up/phone-code/new')))
      }
      return seen.map((line) => line.replace(mobile, 'NUMBER').replace(/07400 \d{6}/, 'NUMBER'))
    }

    const fresh = await walk('07400 123456')
    const known = await walk('07400 999999')
    assert.deepEqual(known, fresh)
    assert.deepEqual(fresh, [
      '',
      'That code is not right. Check it and try again: you have 4 tries left',
      'That code is not right. Check it and try again: you have 3 tries left',
      'That code is not right. Check it and try again: you have 2 tries left',
      'That code is not right. Check it and try again: you have 1 try left',
      'That code has been tried 5 times, so it no longer works. Ask for a new code',
      'We have sent a new code to NUMBER.',
      'We have sent a new code to NUMBER.',
      'You have asked for 3 codes in the last hour. Wait an hour, then ask for a new one',
    ])
    // Codes went only to the number that was new: three of them.
    assert.deepEqual(
      delivered.map((message) => message.number),
      ['+447400123456', '+447400123456', '+447400123456']
    )
  })

  test('a landline alone is called with its code', async ({ assert, cleanup }) => {
    const delivered = capturingDeliverer('landline', cleanup)
    const { central } = await seedAreas()
    await createOrganisation('Northshire Police')
    const browser = new BrowserLikeSession()
    await answerUpToCheck(browser, central, { name: 'Ada', landline: '020 7946 0123' })
    const codePage = await browser.post('/sign-up')
    assert.include(
      codePage.text,
      'We are calling 020 7946 0123: a recorded voice reads out a 6-digit code.'
    )
    assert.deepEqual(
      delivered.map((message) => [message.kind, message.number]),
      [['landline', '+442079460123']]
    )
    const done = await browser.submit('/sign-up/phone-code', { code: delivered[0].code })
    assert.include(done.text, 'Your alerts are on')
  })

  test('with email given too, the email link confirms as before and no code is sent', async ({
    assert,
    cleanup,
  }) => {
    const delivered = capturingDeliverer('mobile', cleanup)
    const { central } = await seedAreas()
    await createOrganisation('Northshire Police')
    const browser = new BrowserLikeSession()
    await answerUpToCheck(browser, central, {
      name: 'Ada',
      email: 'ada@example.net',
      mobile: '07400 123456',
    })
    const next = await browser.post('/sign-up')
    assert.include(next.text, 'Check your email')
    assert.lengthOf(delivered, 0)
  })
})
