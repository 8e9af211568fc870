import { test } from '@japa/runner'
import { capturingDeliverer } from '#tests/helpers/code_deliverers'
import db from '@adonisjs/lucid/services/db'
import Resident from '#models/residents/resident'
import { sqlTime } from '#services/platform/infrastructure/sql_time'
import { residentOf, seedSelfService, signedInAs } from '#tests/helpers/self_service_fixtures'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import { createOrganisation, createStaff, seedAreas } from '#tests/helpers/fixtures'
import { signInStaff } from '#tests/helpers/staff_session'

test.group('Residents verify a phone number with a code', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('a mobile number is checked, a code goes to it, and it is on the record once typed back', async ({
    assert,
    cleanup,
  }) => {
    const delivered = capturingDeliverer('mobile', cleanup)
    const world = await seedSelfService()
    const resident = await residentOf(world)
    const browser = await signedInAs(resident)

    const account = await browser.get('/my-alerts/account')
    assert.include(account.text, 'Your phone numbers')
    await browser.get('/my-alerts/numbers/mobile')
    const landline = await browser.post('/my-alerts/numbers/mobile', { number: '01522 552222' })
    assert.include(
      landline.text,
      'Enter a UK mobile number, starting 07 (this looks like a landline'
    )
    const foreign = await browser.post('/my-alerts/numbers/mobile', { number: '+33 6 12 34 56 78' })
    assert.include(foreign.text, 'Enter a UK mobile number: alerts can only be sent to UK numbers')
    const nonsense = await browser.post('/my-alerts/numbers/mobile', { number: 'call me' })
    assert.include(nonsense.text, 'Enter a mobile number like 07400 123456')
    assert.lengthOf(delivered, 0)

    const codePage = await browser.post('/my-alerts/numbers/mobile', { number: '07400 123456' })
    assert.include(
      codePage.text,
      'We sent a 6-digit code to 07400 123456. It works for 10 minutes.'
    )
    assert.lengthOf(delivered, 1)
    assert.equal(delivered[0].number, '+447400123456')
    assert.match(delivered[0].code, /^\d{6}$/)
    // Not on the record until it is proved.
    assert.isNull((await Resident.findOrFail(resident.id)).phone)

    const wrongCode = delivered[0].code === '000000' ? '111111' : '000000'
    const wrong = await browser.post('/my-alerts/numbers/mobile/code', { code: wrongCode })
    assert.include(
      wrong.text,
      'That code is not right. Check it and try again: you have 4 tries left'
    )

    const done = await browser.post('/my-alerts/numbers/mobile/code', {
      code: delivered[0].code.replace(/(\d{3})/, '$1 '),
    })
    assert.include(
      done.text,
      'Your mobile number 07400 123456 is verified. Alerts can now reach it.'
    )
    const saved = await Resident.findOrFail(resident.id)
    assert.equal(saved.phone, '+447400123456')
    assert.isNotNull(saved.phoneVerifiedAt)
    assert.include(done.text, 'Verified')

    // Used once: the same code again finds nothing open.
    const again = await browser.post('/my-alerts/numbers/mobile/code', { code: delivered[0].code })
    assert.include(again.text, 'That code has expired')
  })

  test('five wrong tries end a code; an expired code asks for a new one; at most 3 codes an hour', async ({
    assert,
    cleanup,
  }) => {
    const delivered = capturingDeliverer('mobile', cleanup)
    const world = await seedSelfService()
    const resident = await residentOf(world)
    const browser = await signedInAs(resident)
    await browser.get('/my-alerts/numbers/mobile')
    await browser.post('/my-alerts/numbers/mobile', { number: '07400123457' })
    const wrongCode = delivered[0].code === '000000' ? '111111' : '000000'
    for (let tries = 4; tries >= 1; tries--) {
      const page = await browser.post('/my-alerts/numbers/mobile/code', { code: wrongCode })
      assert.include(page.text, `you have ${tries} ${tries === 1 ? 'try' : 'tries'} left`)
    }
    const last = await browser.post('/my-alerts/numbers/mobile/code', { code: wrongCode })
    assert.include(last.text, 'That code has been tried 5 times, so it no longer works')
    // Even the right code no longer works.
    const right = await browser.post('/my-alerts/numbers/mobile/code', { code: delivered[0].code })
    assert.notInclude(right.text, 'is verified')
    assert.isNull((await Resident.findOrFail(resident.id)).phoneVerifiedAt)

    await browser.get('/my-alerts/numbers/mobile')
    await browser.post('/my-alerts/numbers/mobile', { number: '07400123457' })
    await db
      .from('contact_verifications')
      .whereNull('closed_at')
      .update({ expires_at: sqlTime(new Date(Date.now() - 1000)) })
    const expired = await browser.post('/my-alerts/numbers/mobile/code', {
      code: delivered[1].code,
    })
    assert.include(expired.text, 'That code has expired (codes work for 10 minutes)')

    await browser.get('/my-alerts/numbers/mobile')
    await browser.post('/my-alerts/numbers/mobile', { number: '07400123457' })
    assert.lengthOf(delivered, 3)
    const fourth = await browser.post('/my-alerts/numbers/mobile', { number: '07400123457' })
    assert.include(fourth.text, 'You have asked for 3 codes in the last hour')
    assert.lengthOf(delivered, 3)
  })

  test('one number gets at most 5 codes an hour, whichever accounts ask; the refusal says nothing of who holds it', async ({
    assert,
    cleanup,
  }) => {
    const delivered = capturingDeliverer('mobile', cleanup)
    const world = await seedSelfService()
    const ask = async (browser: Awaited<ReturnType<typeof signedInAs>>, number: string) => {
      await browser.get('/my-alerts/numbers/mobile')
      return browser.post('/my-alerts/numbers/mobile', { number })
    }
    const first = await signedInAs(await residentOf(world))
    const second = await signedInAs(await residentOf(world))
    const third = await signedInAs(await residentOf(world))
    for (let code = 0; code < 3; code++) await ask(first, '07400 123458')
    for (let code = 0; code < 2; code++) await ask(second, '07400 123458')
    assert.lengthOf(delivered, 5)

    const refused = await ask(third, '07400 123458')
    assert.include(
      refused.text,
      'This number has been sent as many codes as we allow in an hour. Wait an hour, then ask for a new one'
    )
    assert.lengthOf(delivered, 5, 'no sixth code to the number')
    // The cap is the number's: this resident's other numbers still get codes.
    const other = await ask(third, '07400 123459')
    assert.include(other.text, 'We sent a 6-digit code to 07400 123459.')
    assert.lengthOf(delivered, 6)

    // An hour later the number may be sent codes again.
    await db
      .from('contact_verifications')
      .update({ created_at: sqlTime(new Date(Date.now() - 61 * 60_000)) })
    const later = await ask(third, '07400 123458')
    assert.include(later.text, 'We sent a 6-digit code to 07400 123458.')
  })

  test('a number staff entered stays unverified until the resident types a code; with no deliverer, the page says codes cannot be sent', async ({
    assert,
    cleanup,
  }) => {
    const world = await seedSelfService()
    const resident = await residentOf(world, { phone: '+447700900125', phoneVerifiedAt: null })
    const browser = await signedInAs(resident)
    const account = await browser.get('/my-alerts/account')
    assert.include(account.text, 'Not verified yet: alerts do not go to it')

    await browser.get('/my-alerts/numbers/landline')
    const unavailable = await browser.post('/my-alerts/numbers/landline', {
      number: '01522 552222',
    })
    assert.include(unavailable.text, 'Codes cannot be sent to a landline number at the moment')

    const delivered = capturingDeliverer('landline', cleanup)
    const sent = await browser.post('/my-alerts/numbers/landline', { number: '01522 552222' })
    assert.include(sent.text, 'We sent a 6-digit code to 01522 552222')
    assert.equal(delivered[0].kind, 'landline')
    await browser.post('/my-alerts/numbers/landline/code', { code: delivered[0].code })
    const saved = await Resident.findOrFail(resident.id)
    assert.equal(saved.landline, '+441522552222')
    assert.isNotNull(saved.landlineVerifiedAt)
    assert.isNull(saved.phoneVerifiedAt, 'the mobile is still unverified')
  })
})

test.group('Officers verify a mobile number on the doorstep', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('the resident reads out the code; a household without email then gets alerts; an existing one sees the same page', async ({
    assert,
    cleanup,
  }) => {
    const delivered = capturingDeliverer('mobile', cleanup)
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    const officer = await signInStaff(await createStaff(organisation, 'officer'))

    const registered = await officer.submit('/staff/doorstep', {
      findBy: 'ward',
      wardId: central.id,
      name: 'Ada Lovelace',
      mobile: '07400 123458',
    })
    assert.include(registered.text, 'Ask Ada Lovelace for the 6-digit code texted to 07400 123458')
    assert.lengthOf(delivered, 1)
    const resident = await Resident.findByOrFail('phone', '+447400123458')
    assert.equal(resident.status, 'pending')

    const wrongCode = delivered[0].code === '000000' ? '111111' : '000000'
    const wrong = await officer.post('/staff/doorstep/verify', { code: wrongCode })
    assert.include(wrong.text, 'That code is not right')
    const done = await officer.post('/staff/doorstep/verify', { code: delivered[0].code })
    assert.include(done.text, 'Ada Lovelace’s mobile number is verified. Their alerts start now.')
    const active = await Resident.findOrFail(resident.id)
    assert.equal(active.status, 'active')
    assert.isNotNull(active.phoneVerifiedAt)
    const consent = await db.from('consents').where('resident_id', resident.id).first()
    assert.equal(consent.organisation_id, organisation.id)

    // The same number again: the household is signed up already, and the page does not say so.
    const again = await officer.submit('/staff/doorstep', {
      findBy: 'ward',
      wardId: central.id,
      name: 'Ada Lovelace',
      mobile: '07400 123458',
    })
    assert.include(again.text, 'Ask Ada Lovelace for the 6-digit code texted to 07400 123458')
    assert.lengthOf(delivered, 1, 'no code for an existing household')
    const refused = await officer.post('/staff/doorstep/verify', { code: delivered[0].code })
    assert.include(refused.text, 'That code is not right')
  })

  test('wrong codes run out the same way whether or not the household was signed up already', async ({
    assert,
    cleanup,
  }) => {
    const delivered = capturingDeliverer('mobile', cleanup)
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    const officer = await signInStaff(await createStaff(organisation, 'officer'))
    const register = (mobile: string) =>
      officer.submit('/staff/doorstep', {
        findBy: 'ward',
        wardId: central.id,
        name: 'Grace Hopper',
        mobile,
      })
    /** The messages beside the code field for six wrong codes in a row. */
    const sixWrongCodes = async (avoid: string) => {
      const wrong = avoid === '000000' ? '111111' : '000000'
      const answers: string[] = []
      for (let attempt = 0; attempt < 6; attempt++) {
        const page = await officer.post('/staff/doorstep/verify', { code: wrong })
        answers.push(
          /class="govuk-error-message"[^>]*>([\s\S]*?)<\/p>/
            .exec(page.text)?.[1]
            .replace(/<[^>]+>/g, '')
            .trim() ?? 'no message'
        )
      }
      return answers
    }

    await register('07400 223344')
    assert.lengthOf(delivered, 1)
    const newHousehold = await sixWrongCodes(delivered[0].code)
    await register('07400 223344')
    assert.lengthOf(delivered, 1, 'no code for a household already signed up')
    const existingHousehold = await sixWrongCodes(delivered[0].code)

    assert.deepEqual(existingHousehold, newHousehold)
    assert.notEqual(newHousehold[0], newHousehold[4], 'the tries run out')
  })
})
