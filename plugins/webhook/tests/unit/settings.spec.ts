import { test } from '@japa/runner'
import { errors } from '@vinejs/vine'
import { webhookSettings } from '../../src/settings.js'

const form = webhookSettings(() => ({ ok: true, message: 'unused' }))

async function refusal(values: Record<string, unknown>) {
  try {
    await form.validator.validate(values)
    return null
  } catch (error) {
    if (!(error instanceof errors.E_VALIDATION_ERROR)) throw error
    return (error.messages as { message: string }[]).map((entry) => entry.message).join(' ')
  }
}

test.group('Webhook plugin: settings', () => {
  test('takes up to ten web addresses, one a line, and a long enough secret', async ({
    assert,
  }) => {
    assert.isNull(
      await refusal({
        urls: ' https://hooks.example.org/beacon \n\nhttp://partner.example.net/in?token=abc\n',
        signing_secret: 'x'.repeat(24),
      })
    )
    assert.include(
      await refusal({ urls: 'hooks.example.org', signing_secret: 'x'.repeat(24) }),
      '“hooks.example.org” is not a web address'
    )
    assert.include(
      await refusal({ urls: 'ftp://files.example.org/', signing_secret: 'x'.repeat(24) }),
      'is not a web address'
    )
    assert.include(
      await refusal({
        urls: 'https://user:pass@hooks.example.org/',
        signing_secret: 'x'.repeat(24),
      }),
      'is not a web address'
    )
    const eleven = Array.from({ length: 11 }, (_, index) => `https://h${index}.example.org/`).join(
      '\n'
    )
    assert.include(
      await refusal({ urls: eleven, signing_secret: 'x'.repeat(24) }),
      'Enter at most 10 addresses'
    )
    assert.isNotNull(await refusal({ urls: 'https://hooks.example.org/', signing_secret: 'short' }))
  })
})
