import { test } from '@japa/runner'
import { X_LIMIT, weightedLength, xPostText, xWeightedLength } from '../../src/post_text.js'

const ALERT_URL = 'https://alerts.example.org/alerts/1234'

test.group('Social media: the words of an X post', () => {
  test('a short alert goes whole: title, text and link', ({ assert }) => {
    const text = xPostText({
      title: 'Road closed',
      bodyText: 'The A15 is closed.',
      publicUrl: ALERT_URL,
    })
    assert.equal(text, `Road closed\n\nThe A15 is closed.\n\n${ALERT_URL}`)
  })

  test('a long alert becomes its title and the link, within 280', ({ assert }) => {
    const text = xPostText({
      title: 'Road closed',
      bodyText: 'word '.repeat(60),
      publicUrl: ALERT_URL,
    })
    assert.equal(text, `Road closed\n\n${ALERT_URL}`)
  })

  test('a very long title is cut at a word, with an ellipsis, and the link kept', ({ assert }) => {
    const title = 'Flooding warning for the villages along the river '.repeat(8).trim()
    const text = xPostText({ title, bodyText: '', publicUrl: ALERT_URL })
    assert.isTrue(text.endsWith(`…\n\n${ALERT_URL}`))
    assert.isAtMost(xWeightedLength(text, ALERT_URL), X_LIMIT)
    assert.isAbove(xWeightedLength(text, ALERT_URL), X_LIMIT - 20)
    assert.notMatch(text, / …/)
  })

  test('Chinese, Japanese and emoji count twice, as X counts them', ({ assert }) => {
    assert.equal(weightedLength('abc'), 3)
    assert.equal(weightedLength('警報'), 4)
    assert.equal(weightedLength('🚨'), 2)
    const text = xPostText({ title: '洪水警報'.repeat(80), bodyText: '', publicUrl: ALERT_URL })
    assert.isAtMost(xWeightedLength(text, ALERT_URL), X_LIMIT)
  })
})
