import { test } from '@japa/runner'
import { markdownToHtml, markdownToText } from '#services/messaging/alert_markdown'

test.group('Alert Markdown: HTML', () => {
  test('keeps paragraphs, line breaks, emphasis, lists, headings and quotes', ({ assert }) => {
    const html = markdownToHtml(
      '## Road closed\n\nThe **A16** is *shut*.\nUse the bypass.\n\n- Keep left\n- Drive slowly\n\n1. First\n2. Second\n\n> Stay safe'
    )
    assert.include(html, '<h2>Road closed</h2>')
    assert.include(html, '<p>The <strong>A16</strong> is <em>shut</em>.<br>Use the bypass.</p>')
    assert.include(html, '<ul>\n<li>Keep left</li>\n<li>Drive slowly</li>\n</ul>')
    assert.include(html, '<ol>\n<li>First</li>\n<li>Second</li>\n</ol>')
    assert.include(html, '<blockquote>\n<p>Stay safe</p>\n</blockquote>')
  })

  test('a top-level heading becomes a second-level one: the page has its own h1', ({ assert }) => {
    assert.equal(markdownToHtml('# Big'), '<h2>Big</h2>')
    assert.equal(markdownToHtml('#### Small'), '<h3>Small</h3>')
  })

  test('keeps web and email links, with rel="noopener"', ({ assert }) => {
    const html = markdownToHtml(
      'See [the advice](https://police.example/advice?a=1&b=2) or [write](mailto:help@police.example).'
    )
    assert.include(
      html,
      '<a href="https://police.example/advice?a=1&amp;b=2" rel="noopener">the advice</a>'
    )
    assert.include(html, '<a href="mailto:help@police.example" rel="noopener">write</a>')
  })

  test('drops javascript:, data: and other links, keeping their words', ({ assert }) => {
    const html = markdownToHtml(
      '[click](javascript:alert(1)) [data](data:text/html,hi) [vb](vbscript:x) [ftp](ftp://x.example)'
    )
    assert.notInclude(html, 'href')
    assert.notInclude(html, 'javascript')
    assert.equal(html, '<p>click data vb ftp</p>')
  })

  test('never loads an image: its alt text stands in its place', ({ assert }) => {
    const html = markdownToHtml('Look: ![a suspect van](https://tracker.example/pixel.png)')
    assert.notInclude(html, '<img')
    assert.notInclude(html, 'tracker.example')
    assert.equal(html, '<p>Look: a suspect van</p>')
  })

  test('shows raw HTML as the text the sender typed, never as markup', ({ assert }) => {
    const html = markdownToHtml(
      'Hello <script>alert(1)</script> <b onclick="x()">bold</b>\n\n<div style="color:red">block</div>\n\n<img src=x onerror=alert(1)>\n\n<style>body{}</style>'
    )
    assert.notInclude(html, '<script')
    assert.notInclude(html, '<b ')
    assert.notInclude(html, '<div')
    assert.notInclude(html, '<img')
    assert.notInclude(html, '<style')
    assert.include(html, '&lt;script&gt;alert(1)&lt;/script&gt;')
    assert.include(html, '<p>&lt;div style="color:red"&gt;block&lt;/div&gt;</p>')
    assert.include(html, '<p>&lt;img src=x onerror=alert(1)&gt;</p>')
  })

  test('allows no attribute beyond href and rel', ({ assert }) => {
    const html = markdownToHtml(
      '[x](https://a.example "title") `code` ~~gone~~\n\n| a | b |\n|---|---|\n| 1 | 2 |'
    )
    assert.notMatch(html, /\s(?!href|rel)[a-z-]+="/)
    assert.notInclude(html, 'title=')
    assert.notInclude(html, '<code')
    assert.notInclude(html, '<table')
  })
})

test.group('Alert Markdown: plain text', () => {
  test('drops emphasis, keeps lines, lists and links as "label (address)"', ({ assert }) => {
    const text = markdownToText(
      '## Road closed\n\nThe **A16** is *shut*.\nUse the bypass & take care.\n\n- Keep left\n- Drive slowly\n\n3. Third\n4. Fourth\n\nSee [the advice](https://police.example/advice) or https://bare.example'
    )
    assert.equal(
      text,
      [
        'Road closed',
        'The A16 is shut.\nUse the bypass & take care.',
        '- Keep left\n- Drive slowly',
        '3. Third\n4. Fourth',
        'See the advice (https://police.example/advice) or https://bare.example',
      ].join('\n\n')
    )
  })

  test('leaves out unsafe links and images but keeps their words', ({ assert }) => {
    assert.equal(
      markdownToText('[click](javascript:alert(1)) and ![van](https://x.example/v.png)'),
      'click and van'
    )
  })

  test('decodes entities the sender typed', ({ assert }) => {
    assert.equal(markdownToText('Fish &amp; chips &lt;3 &#163;5'), 'Fish & chips <3 £5')
  })
})
