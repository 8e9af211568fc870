import { test } from '@japa/runner'
import { simpleParser } from 'mailparser'
import MimeTemplate, { Placeholders, substitute } from '#services/messaging/mime_template'

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

test.group('Filling a part split once at its placeholders', () => {
  const A = '%%LINK_RATE_A%%'
  const B = '%%TRACKED_LINK_0%%'
  const N = '%%RECIPIENT_NAME%%'
  const P = '%%TRACKING_PIXEL%%'

  test('gives each mail what replacing each placeholder in turn gives, odd values too', ({
    assert,
  }) => {
    const bodies = [
      `Dear ${N},\n${B} then ${A}\n--\nRate: ${A}\n<img>${P}</body>`,
      // Placeholders next to each other, sharing their %%, and a placeholder's name next to one.
      `${N}${N}${A}${B}%%RECIPIENT_${N}NAME%%%%TRACKED_LINK_${A}%%${P}`,
      `%%${N}%% %%LINK_RATE_${N}%% 100% %${N}% ${P}${P}`,
      // Placeholders that an empty value, or one made of a name's characters, joins into another.
      `%%RECIPIENT_${B}NAME%% %%RECIPIENT${B}NAME%% <p>%%RECIPIENT${B}${P}NAME%%</p>`,
      '',
      'no placeholder at all',
    ]
    const names = ['Ada', '', 'NAME', 'RATE_A', '$& Co', '%%LINK_RATE_A%%', 'Bob%', 'Siân 🚫', '%']
    const urls = ['https://b.test/c/x/0', '', '_', 'LINK_RATE_A', 'https://b.test/?a=1%202', '$1']
    for (const body of bodies) {
      const part = new Placeholders(body)
      for (const name of names) {
        for (const url of urls) {
          for (const pixel of ['', '<img src="https://b.test/o/t.gif">']) {
            const values = { [A]: `https://b.test/r/${url}`, [B]: url, [N]: name, [P]: pixel }
            assert.equal(
              part.fill(values),
              substitute(body, values),
              JSON.stringify({ body, values })
            )
          }
        }
      }
    }
  })

  test('agrees with replacing each placeholder in turn on random bodies and values', ({
    assert,
  }) => {
    // Deterministic, so that a failure can be run again.
    let seed = 13
    const random = (below: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648
      return seed % below
    }
    const keys = ['%%AB%%', '%%B%%', '%%A_B%%', '%%AB_%%']
    const pieces = [...keys, '%', '%%', 'A', 'B', '_', 'x', ' ', '$&', '<']
    const pick = (count: number) =>
      Array.from({ length: count }, () => pieces[random(pieces.length)]).join('')
    for (let round = 0; round < 3000; round++) {
      const body = pick(random(12))
      const order = [...keys].sort(() => random(3) - 1)
      const values = Object.fromEntries(order.map((key) => [key, pick(random(3))]))
      const part = new Placeholders(body)
      assert.equal(part.fill(values), substitute(body, values), JSON.stringify({ body, values }))
      // The second mail with the same placeholders takes the split made for the first.
      const again = Object.fromEntries(order.map((key) => [key, pick(random(3))]))
      assert.equal(part.fill(again), substitute(body, again), JSON.stringify({ body, again }))
    }
  })
})
