import { test } from '@japa/runner'
import { htmlAsText, replyTextOf } from '#services/engagement/replies/reply_text'

test.group('An email reply’s own words', () => {
  test('Gmail and Apple Mail: the text above “On … wrote:”, even wrapped onto two lines', ({
    assert,
  }) => {
    assert.equal(
      replyTextOf(
        'Thanks, seen it.\r\n\r\nOn Mon, 7 Dec 2026 at 09:00, Police <a@b.org> wrote:\r\n> Alert'
      ),
      'Thanks, seen it.'
    )
    assert.equal(
      replyTextOf(
        'Thanks.\n\nOn Mon, 7 Dec 2026 at 09:00, Lincolnshire Police\n<alerts@example.org> wrote:\n> x'
      ),
      'Thanks.'
    )
  })

  test('Outlook: its separator and header block go with what follows', ({ assert }) => {
    assert.equal(
      replyTextOf(
        'Van seen at 3pm.\n\n________________________________\nFrom: Police\nSent: Monday\n\nAlert'
      ),
      'Van seen at 3pm.'
    )
    assert.equal(replyTextOf('Van seen.\n-----Original Message-----\nFrom: Police'), 'Van seen.')
  })

  test('quoted lines between the resident’s own are dropped; signatures and “Sent from my” are cut', ({
    assert,
  }) => {
    assert.equal(
      replyTextOf(
        '> Is the road open?\nYes, since 10am.\n> Any damage?\nNone.\n\n-- \nJo\n07700 900123'
      ),
      'Yes, since 10am.\nNone.'
    )
    assert.equal(replyTextOf('OK thanks\n\nSent from my iPhone'), 'OK thanks')
    assert.equal(replyTextOf('> only a quote\n> nothing else'), '')
  })

  test('HTML is read as text, its quote left out, entities decoded', ({ assert }) => {
    assert.equal(
      htmlAsText(
        '<html><head><style>p{}</style></head><body><p>Fish &amp; chips shop</p><div>door open<br>at night</div><blockquote>old</blockquote></body></html>'
      ).trim(),
      'Fish & chips shop\ndoor open\nat night'
    )
  })
})
