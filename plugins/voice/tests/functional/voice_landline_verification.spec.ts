import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { emptyQueues } from '#tests/helpers/queues'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import { createResident } from '#tests/helpers/fixtures'
import { signedInAs } from '#tests/helpers/self_service_fixtures'
import { voiceInstall } from '../helpers/voice_setup.js'

test.group('Voice plugin: a resident’s landline verified by a call', (group) => {
  group.each.setup(async () => {
    await emptyQueues()
    return emptyTablesAfterwards()
  })

  test('the resident adds a landline, a call reads the code, and typing it back verifies the number', async ({
    assert,
    cleanup,
  }) => {
    const { fake, central, organisation } = await voiceInstall(cleanup)
    const resident = await createResident(central, [organisation], { landline: null })
    const browser = await signedInAs(resident)

    await browser.get('/my-alerts/numbers/landline')
    const sent = await browser.post('/my-alerts/numbers/landline', { number: '01522 552222' })
    assert.include(sent.text, 'We sent a 6-digit code to 01522 552222')

    // Twilio places the call and fetches its words from the plugin, as it would.
    assert.lengthOf(fake.calls, 1)
    const [call] = fake.calls
    assert.equal(call.params.To, '+441522552222')
    const { text } = await fake.answer(call)
    const digits = /Your verification code is ((?:\d, ){5}\d)\./.exec(text)?.[1]
    assert.exists(digits, 'the call reads the code')
    const code = digits!.replaceAll(', ', '')

    const wrong = await browser.post('/my-alerts/numbers/landline/code', {
      code: code === '000000' ? '111111' : '000000',
    })
    assert.notInclude(wrong.text, 'verified')
    const stillUnverified = await db.from('residents').where('id', resident.id).first()
    assert.isNull(stillUnverified.landline_verified_at)

    await browser.post('/my-alerts/numbers/landline/code', { code })
    const saved = await db.from('residents').where('id', resident.id).first()
    assert.isNotNull(saved.landline_verified_at)
  })
})
