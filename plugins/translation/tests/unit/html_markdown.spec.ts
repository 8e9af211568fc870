import { test } from '@japa/runner'
import { htmlToMarkdown, htmlToText, markdownToHtml, textToHtml } from '../../src/html_markdown.js'
import { describeLanguage, withoutOldCodes } from '../../src/language_names.js'
import { codesIn } from '../../src/settings.js'

const BODY = [
  'Police are **looking** for a _blue_ van.',
  'Second line.',
  '',
  '## Advice',
  '',
  '- Lock [your doors](https://example.org/doors?a=1&b=2)',
  '- Call 101',
  '',
  '1. one',
  '2. two',
  '',
  '> quoted text',
  '',
  'End.',
].join('\n')

test.group('Translation: Markdown through HTML and back', () => {
  test('every structure the composer allows comes back as the same Markdown', ({ assert }) => {
    assert.equal(htmlToMarkdown(markdownToHtml(BODY)), BODY)
  })

  test('a translation keeps the tags and the links, whatever the words', ({ assert }) => {
    // As Google answers: the words changed, the tags and addresses kept, entities for quotes.
    const translated =
      '<p>Policja <strong>szuka</strong> niebieskiego vana.<br>Druga linia &quot;cytat&quot; &#39;x&#39;.</p>\n<ul>\n<li>Zamknij <a href="https://example.org/doors?a=1&amp;b=2">drzwi</a></li>\n</ul>'
    assert.equal(
      htmlToMarkdown(translated),
      'Policja **szuka** niebieskiego vana.\nDruga linia "cytat" \'x\'.\n\n- Zamknij [drzwi](https://example.org/doors?a=1&b=2)'
    )
  })

  test('a title is escaped on the way and read back as text', ({ assert }) => {
    assert.equal(textToHtml('Fish & chips <today>'), 'Fish &amp; chips &lt;today&gt;')
    assert.equal(htmlToText('Ryba &amp; frytki &lt;dziś&gt;'), 'Ryba & frytki <dziś>')
  })
})

test.group('Translation: language names and codes', () => {
  test('each language is named in itself, right to left where it is written so', ({ assert }) => {
    assert.deepEqual(describeLanguage('pl'), {
      code: 'pl',
      name: 'Polish',
      nativeName: 'Polski',
      rightToLeft: false,
    })
    assert.equal(describeLanguage('ro').nativeName, 'Română')
    assert.deepInclude(describeLanguage('ur'), { nativeName: 'اردو', rightToLeft: true })
  })

  test('the API’s old duplicate codes are left out; typed codes are read whatever the separators', ({
    assert,
  }) => {
    assert.deepEqual(
      withoutOldCodes([{ code: 'he' }, { code: 'iw' }, { code: 'jw' }]).map((l) => l.code),
      ['he', 'jw']
    )
    assert.deepEqual(codesIn(' pl, ro;ur\npa  pl '), ['pl', 'ro', 'ur', 'pa'])
  })
})
