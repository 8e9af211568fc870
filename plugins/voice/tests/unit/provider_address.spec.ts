import { test } from '@japa/runner'
import { callSettings, voiceSettings } from '../../src/settings.js'
import { providerAddressAllowed } from '#contracts/provider_address'

const SAVED = {
  account_sid: `AC${'0'.repeat(32)}`,
  auth_token: 'a'.repeat(32),
  from_number: '+441632960000',
  api_base_url: 'https://elsewhere.example',
}
const check = async () => ({ ok: true as const, message: 'fine' })
const fieldNames = (settings: ReturnType<typeof voiceSettings>) =>
  settings.fields.map((field) => field.name)

test.group('Voice plugin: the Twilio address can be changed for tests only', () => {
  test('in production the form does not offer it, and a saved address is ignored', ({ assert }) => {
    assert.isFalse(providerAddressAllowed('production'))
    assert.isTrue(providerAddressAllowed('test'))
    assert.isTrue(providerAddressAllowed('development'))

    assert.notInclude(fieldNames(voiceSettings(check, false)), 'api_base_url')
    assert.isNull(callSettings(SAVED, false)!.apiBaseUrl, 'calls go to api.twilio.com')

    assert.include(fieldNames(voiceSettings(check, true)), 'api_base_url')
    assert.equal(callSettings(SAVED, true)!.apiBaseUrl, 'https://elsewhere.example')
  })
})
