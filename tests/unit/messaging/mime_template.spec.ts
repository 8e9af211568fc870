import { test } from '@japa/runner'
import { simpleParser } from 'mailparser'
import MimeTemplate from '#services/messaging/mime_template'

const UNSUBSCRIBE = '%%UNSUBSCRIBE_URL%%'
const NAME = '%%RECIPIENT_NAME%%'

function alertTemplate(subject: string, fromName: string) {
  return new MimeTemplate({
    from: { name: fromName, address: 'alerts@beacon.test' },
    subject,
    text: `Dear ${NAME},\nRoad closed.\nStop these alerts: ${UNSUBSCRIBE}\n`,
    html: `<p>Dear ${NAME},</p><p>Road closed.</p><a href="${UNSUBSCRIBE}">Stop these alerts</a>`,
  })
}

function renderFor(template: MimeTemplate, name: string, url: string, id = 7) {
  return template.render({
    to: 'ada@example.test',
    messageId: `<beacon.1.${id}@beacon.test>`,
    headers: { 'List-Unsubscribe': `<${url}/one-click>` },
    text: { [NAME]: name, [UNSUBSCRIBE]: url },
    html: { [NAME]: name.replaceAll('&', '&amp;'), [UNSUBSCRIBE]: url.replaceAll('&', '&amp;') },
  })
}

test.group('An email built once for many recipients', () => {
  test('each recipient gets their own name, link and Message-ID in a well-formed message', async ({
    assert,
  }) => {
    const template = alertTemplate('[Warning] Road closed', 'Lincolnshire "OPCC"')
    const first = await simpleParser(renderFor(template, 'Ada & Co', 'https://b.test/u/1?s=a&t=b'))
    const second = await simpleParser(renderFor(template, 'Grace', 'https://b.test/u/2', 8))

    assert.equal(first.subject, '[Warning] Road closed')
    assert.equal(first.from?.value[0].name, 'Lincolnshire "OPCC"')
    assert.equal(first.from?.value[0].address, 'alerts@beacon.test')
    assert.equal(first.messageId, '<beacon.1.7@beacon.test>')
    assert.include(first.text!, 'Dear Ada & Co,')
    assert.include(first.text!, 'Stop these alerts: https://b.test/u/1?s=a&t=b')
    assert.include(first.html as string, 'href="https://b.test/u/1?s=a&amp;t=b"')
    assert.equal(
      first.headerLines.find((header) => header.key === 'list-unsubscribe')?.line,
      'List-Unsubscribe: <https://b.test/u/1?s=a&t=b/one-click>'
    )

    assert.equal(second.messageId, '<beacon.1.8@beacon.test>')
    assert.include(second.text!, 'Dear Grace,')
    assert.notInclude(second.text!, 'Ada')
  })

  test('a long subject and a sender name outside ASCII survive the header encoding', async ({
    assert,
  }) => {
    const subject = `[Urgent] Llifogydd ym Mhorthmadog — peidiwch â gyrru drwy ddŵr 🚫 ${'x'.repeat(60)}`
    const template = alertTemplate(subject, 'Heddlu Gogledd Cymru — Swyddfa’r Comisiynydd')
    const raw = renderFor(template, 'Siân', 'https://b.test/u/3')
    for (const line of raw.split('\r\n')) assert.isAtMost(line.length, 998)
    const mail = await simpleParser(raw)
    assert.equal(mail.subject, subject)
    assert.equal(mail.from?.value[0].name, 'Heddlu Gogledd Cymru — Swyddfa’r Comisiynydd')
    assert.include(mail.text!, 'Dear Siân,')
  })

  test('only plain addresses take the prepared path', ({ assert }) => {
    assert.isTrue(MimeTemplate.canAddress('ada.lovelace+alerts@example.co.uk'))
    assert.isFalse(MimeTemplate.canAddress('siân@example.test'))
    assert.isFalse(MimeTemplate.canAddress('"odd, name"@example.test'))
  })
})
