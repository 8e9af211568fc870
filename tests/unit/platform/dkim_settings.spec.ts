import { test } from '@japa/runner'
import { generateKeyPairSync } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { dkimSettings } from '#services/platform/infrastructure/dkim_settings'

function rsaKey() {
  return generateKeyPairSync('rsa', { modulusLength: 2048 })
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString()
}

test.group('DKIM settings', () => {
  test('none set: nothing is signed', ({ assert }) => {
    assert.deepEqual(dkimSettings({}), { options: null, problem: null })
    assert.deepEqual(dkimSettings({ DKIM_DOMAIN: ' ' }), { options: null, problem: null })
  })

  test('a domain, a selector and a key, from the variable or a file', ({ assert }) => {
    const key = rsaKey()
    const inline = dkimSettings({
      DKIM_DOMAIN: 'Alerts.Example.org',
      DKIM_SELECTOR: 'beacon2026',
      // One environment line, its line breaks written "\n".
      DKIM_PRIVATE_KEY: key.trim().replaceAll('\n', '\\n'),
    })
    assert.isNull(inline.problem)
    assert.equal(inline.options!.domainName, 'alerts.example.org')
    assert.equal(inline.options!.keySelector, 'beacon2026')
    assert.equal(inline.options!.privateKey, key.trim())
    assert.include(inline.options!.headerFieldNames, 'List-Unsubscribe-Post')

    const file = join(mkdtempSync(join(tmpdir(), 'dkim-')), 'private.pem')
    writeFileSync(file, key)
    const fromFile = dkimSettings({
      DKIM_DOMAIN: 'example.org',
      DKIM_SELECTOR: 'mail',
      DKIM_PRIVATE_KEY_FILE: file,
    })
    assert.isNull(fromFile.problem)
    assert.equal(fromFile.options!.privateKey, key)
  })

  test('half a configuration or a wrong value is refused, naming the setting', ({ assert }) => {
    const key = rsaKey()
    const problem = (values: Parameters<typeof dkimSettings>[0]) => dkimSettings(values).problem
    assert.equal(
      problem({ DKIM_DOMAIN: 'example.org' }),
      'DKIM is half configured (DKIM_DOMAIN set): set DKIM_SELECTOR and DKIM_PRIVATE_KEY or DKIM_PRIVATE_KEY_FILE too, or none of them'
    )
    assert.equal(
      problem({
        DKIM_DOMAIN: 'example.org',
        DKIM_SELECTOR: 'mail',
        DKIM_PRIVATE_KEY: key,
        DKIM_PRIVATE_KEY_FILE: '/etc/key.pem',
      }),
      'Set DKIM_PRIVATE_KEY or DKIM_PRIVATE_KEY_FILE, not both'
    )
    assert.include(
      problem({ DKIM_DOMAIN: 'example', DKIM_SELECTOR: 'mail', DKIM_PRIVATE_KEY: key })!,
      'DKIM_DOMAIN "example" is not a domain name'
    )
    assert.include(
      problem({ DKIM_DOMAIN: 'example.org', DKIM_SELECTOR: 'my selector', DKIM_PRIVATE_KEY: key })!,
      'DKIM_SELECTOR "my selector"'
    )
    assert.include(
      problem({ DKIM_DOMAIN: 'example.org', DKIM_SELECTOR: 'mail', DKIM_PRIVATE_KEY: 'secret' })!,
      'is not a PEM private key'
    )
    const ed25519 = generateKeyPairSync('ed25519')
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString()
    assert.include(
      problem({ DKIM_DOMAIN: 'example.org', DKIM_SELECTOR: 'mail', DKIM_PRIVATE_KEY: ed25519 })!,
      'it must be an RSA key'
    )
    assert.include(
      problem({
        DKIM_DOMAIN: 'example.org',
        DKIM_SELECTOR: 'mail',
        DKIM_PRIVATE_KEY_FILE: '/nowhere/key.pem',
      })!,
      'DKIM_PRIVATE_KEY_FILE "/nowhere/key.pem" cannot be read'
    )
  })
})
