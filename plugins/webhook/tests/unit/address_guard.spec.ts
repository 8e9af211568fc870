import { test } from '@japa/runner'
import { isPublicAddress } from '../../src/address_guard.js'

test.group('Webhook plugin: which addresses are public', () => {
  test('private, loopback, link-local, unique-local and other special addresses are not', ({
    assert,
  }) => {
    for (const address of [
      '127.0.0.1',
      '127.255.0.9',
      '10.1.2.3',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '192.0.2.10',
      '198.18.0.1',
      '224.0.0.1',
      '255.255.255.255',
      '::',
      '::1',
      'fe80::1',
      'fc00::1',
      'fd12:3456::1',
      'ff02::1',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      '::ffff:10.0.0.1',
      '::ffff:169.254.169.254',
      '64:ff9b::a00:1',
      '2001:db8::1',
      '2002:7f00:1::1',
      '::127.0.0.1',
      'not an address',
    ]) {
      assert.isFalse(isPublicAddress(address), `${address} is not public`)
    }
  })

  test('addresses on the public internet are', ({ assert }) => {
    for (const address of [
      '8.8.8.8',
      '1.1.1.1',
      '172.32.0.1',
      '192.169.0.1',
      '100.128.0.1',
      '2a00:1450:4009:81b::200e',
      '2606:4700::1111',
      '::ffff:8.8.8.8',
    ]) {
      assert.isTrue(isPublicAddress(address), `${address} is public`)
    }
  })
})
