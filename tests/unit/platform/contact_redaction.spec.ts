import { test } from '@japa/runner'
import { withoutContacts, withoutValues } from '#services/platform/infrastructure/contact_redaction'

test.group('Contact redaction in stored error texts', () => {
  test('a bounce keeps its reason and loses the address', ({ assert }) => {
    assert.equal(
      withoutContacts('550 5.1.1 <Ann.Smith+alerts@Example.co.uk>: Recipient address rejected'),
      '550 5.1.1 <[address]>: Recipient address rejected'
    )
    assert.equal(
      withoutContacts('Provider refused +44 7700 900123 (number unreachable) after 3 attempts'),
      'Provider refused [number] (number unreachable) after 3 attempts'
    )
    // Status codes, counts and times are not phone numbers.
    assert.equal(
      withoutContacts('Gave up after 4 attempts: 421 4.7.0 try again at 10:30'),
      'Gave up after 4 attempts: 421 4.7.0 try again at 10:30'
    )
  })

  test('erasure removes given values in any case and however they are spaced', ({ assert }) => {
    assert.equal(
      withoutValues('{"search":"PHILIPPA Quennell","phone":"07700 900 461"}', [
        'Philippa Quennell',
        '07700900461',
      ]),
      '{"search":"[erased]","phone":"[erased]"}'
    )
  })
})
