import { test } from '@japa/runner'
import { explain, translationClient, TranslationFailure } from '../../src/client.js'

test.group('Translation: the client’s errors in words for staff', () => {
  test('each answer of Google’s has its sentence, and says whether trying again may help', ({
    assert,
  }) => {
    const cases: [unknown, string, boolean][] = [
      [
        { code: 400, message: 'API key not valid. Please pass a valid API key.' },
        'Google refused the API key: check it in Settings → Plugins → Translation.',
        false,
      ],
      [
        { code: 400, message: 'Invalid Value' },
        'Google Translate refused the request (it answered 400).',
        false,
      ],
      [
        { code: 403, message: 'Cloud Translation API has not been used in project' },
        'Google refused the credentials (it answered 403): check the API key or service account key, and that the Cloud Translation API is switched on for the project.',
        false,
      ],
      [
        { code: 503, message: 'unavailable' },
        'Google Translate had a problem (it answered 503).',
        true,
      ],
      [
        { code: 429, message: 'quota' },
        'Google Translate is busy or the project’s quota is used up (it answered 429).',
        true,
      ],
      [
        Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }),
        'The translation service could not be reached.',
        true,
      ],
    ]
    for (const [error, message, retry] of cases) {
      const failure = explain(error)
      assert.equal(failure.message, message)
      assert.equal(failure.retry, retry, message)
    }
    assert.equal(
      explain({ code: 400, message: 'Invalid Value' }, 'xx').message,
      'Google Translate does not translate into “xx”: remove it from the languages residents may choose.'
    )
  })

  test('without an API key or a service account key, it says what to set', ({ assert }) => {
    assert.throws(
      () => translationClient({ project_id: 'county-alerts-123456' }),
      'Translation is not set up: enter an API key or a service account key (Settings → Plugins → Translation).'
    )
    const thrown = (() => {
      try {
        translationClient({})
        return null
      } catch (error) {
        return error
      }
    })()
    assert.instanceOf(thrown, TranslationFailure)
  })
})
