import { test } from '@japa/runner'
import { installFormFor } from '../../src/settings.js'
import { providerAddress, providerAddressAllowed } from '#contracts/provider_address'

test.group('SMS plugin: the provider address can be changed for tests only', () => {
  test('in production the form does not offer it, and a saved address is ignored', ({ assert }) => {
    assert.isFalse(providerAddressAllowed('production'))
    assert.isTrue(providerAddressAllowed('test'))

    const production = installFormFor(false).fields.map((field) => field.name)
    assert.notInclude(production, 'api_base_url')
    assert.include(production, 'twilio_auth_token', 'the rest of the form is there')
    assert.isUndefined(providerAddress('https://elsewhere.example', false))

    assert.include(
      installFormFor(true).fields.map((field) => field.name),
      'api_base_url'
    )
    assert.equal(providerAddress('https://elsewhere.example', true), 'https://elsewhere.example')
    assert.isUndefined(providerAddress('', true), 'blank: the provider’s own')
  })
})
