import { test } from '@japa/runner'
import { createRequire } from 'node:module'
import { randomInt } from 'node:crypto'
import config from '@adonisjs/core/services/config'
import QRCode from 'qrcode'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import Alert from '#models/messaging/alert'
import { withNewVerificationCode } from '#services/messaging/verification/verification_codes'
import env from '#start/env'
import { BrowserLikeSession } from '#tests/helpers/http'
import { smtpSink } from '#tests/helpers/smtp_sink'
import { sendsFinished } from '#tests/helpers/queues'
import { createOrganisation, createResident, createStaff, seedAreas } from '#tests/helpers/fixtures'
import { alertFor } from '#tests/helpers/archive_fixtures'
import { visibleText } from '#tests/helpers/resident_fixtures'
import { signInStaff } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'

// pngjs comes with qrcode and has no types of its own.
const { PNG } = createRequire(import.meta.url)('pngjs') as {
  PNG: { sync: { read(buffer: Buffer): { width: number; height: number; data: Buffer } } }
}

/** Each lookup from its own address, so the per-address limit is the rate-limit test's alone. */
function visitor() {
  return new BrowserLikeSession({
    headers: { 'X-Forwarded-For': `198.51.100.${randomInt(1, 255)}` },
  })
}

/**
 * Reads the QR code's dark and light modules from the PNG and compares them
 * with the symbol the text should make: the picture carries that text.
 */
function pngShowsQrOf(png: Buffer, text: string) {
  const image = PNG.sync.read(png)
  const symbol = QRCode.create(text, { errorCorrectionLevel: 'M' })
  const size = symbol.modules.size
  const margin = 2
  const scale = image.width / (size + 2 * margin)
  for (let row = 0; row < size; row++) {
    for (let column = 0; column < size; column++) {
      const x = Math.floor((margin + column + 0.5) * scale)
      const y = Math.floor((margin + row + 0.5) * scale)
      const dark = image.data[(y * image.width + x) * 4] < 128
      if (dark !== Boolean(symbol.modules.get(row, column))) return false
    }
  }
  return true
}

async function sentAlert(options: { title: string; body: string }) {
  const { central } = await seedAreas()
  const police = await createOrganisation('Northshire Police')
  const sender = await createStaff(police, 'sender')
  const resident = await createResident(central, [police])
  const browser = await signInStaff(sender)
  await browser.submit(
    '/staff/alerts/new',
    {
      'title': options.title,
      'body': options.body,
      'priority': 3,
      'isPublic': 'true',
      'areaIds[]': [central.id],
    },
    { action: '/staff/alerts' }
  )
  const alert = await Alert.findByOrFail('title', options.title)
  if (alert.verificationCode !== null) throw new Error('A draft has no code yet')
  const sent = await browser.post(`/staff/alerts/${alert.id}/send`)
  if (!sent.text.includes('Sending has started.')) throw new Error('The send did not start')
  const mail = await smtpSink.waitForMail(resident.email!, (received) =>
    received.subject.includes(options.title)
  )
  await sendsFinished('email')
  await alert.refresh()
  return { alert, mail, browser, police }
}

test.group('Checking an alert is genuine at /verify', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('a sent alert carries a code in its email, and /verify shows who sent it, when and what', async ({
    assert,
  }) => {
    const { alert, mail, browser } = await sentAlert({
      title: 'Cold callers in Central',
      body: 'Two men are offering roof repairs door to door. Do not let them in.',
    })
    const code = alert.verificationCodeLabel!
    assert.match(code, /^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/)

    // The email's footer: the code, where to check it, and the QR code (an image at a public address).
    const site = new URL(env.get('APP_URL')).host
    assert.include(mail.text, `Alert code: ${code}`)
    assert.include(mail.text, `Check the code at ${site}/verify`)
    assert.include(
      mail.html,
      `Alert code: <strong style="font-size: 18px; letter-spacing: 2px;">${code}</strong>`
    )
    const qrPath = `/verify/${code}/qr.png`
    assert.include(mail.html, `src="${env.get('APP_URL')}${qrPath}"`)
    assert.include(mail.html, `alt="QR code: scan it to check this alert at ${site}/verify"`)

    const qr = await fetch(new URL(qrPath, env.get('APP_URL')))
    assert.equal(qr.status, 200)
    assert.equal(qr.headers.get('content-type'), 'image/png')
    assert.include(qr.headers.get('cache-control')!, 'max-age=31536000')
    const png = Buffer.from(await qr.arrayBuffer())
    const verifyLink = `${env.get('APP_URL')}/verify?code=${code}`
    assert.isTrue(pngShowsQrOf(png, verifyLink), 'the QR code opens /verify with the code')
    assert.isFalse(pngShowsQrOf(png, `${env.get('APP_URL')}/verify?code=AAAA-AAAA`))

    // The staff page gives the code too, for anyone who rings to ask.
    const staffPage = await browser.get(`/staff/alerts/${alert.id}`)
    assert.include(staffPage.text, `<strong id="alert-verification-code">${code}</strong>`)
    // And so does the public page.
    const publicPage = await visitor().get(`/alerts/${alert.id}`)
    assert.include(publicPage.text, `<span id="alert-verification-code">${code}</span>`)

    // Typed in lower case without its dash, or opened from the QR code's link.
    for (const typed of [code.toLowerCase().replace('-', ''), code]) {
      const page = await visitor().get(`/verify?code=${encodeURIComponent(typed)}`)
      assert.equal(page.status, 200)
      const text = visibleText(page.text)
      assert.include(text, 'This is a genuine alert')
      assert.include(text, `Code ${code}`)
      assert.include(text, 'Sent by Northshire Police')
      assert.include(text, 'Title Cold callers in Central')
      assert.include(text, 'Two men are offering roof repairs door to door. Do not let them in.')
      const sentLabel = alert.sendRequestedAt!.setZone('Europe/London').toFormat('d MMMM yyyy')
      assert.include(text, sentLabel)
      assert.include(text, 'compare the words of the message you have')
      assert.include(page.text, '<meta name="robots" content="noindex">')
    }
  }).timeout(60_000)

  test('a cancelled alert is genuine but says it was cancelled', async ({ assert }) => {
    const { central } = await seedAreas()
    const council = await createOrganisation('Riverside Council')
    const alert = await alertFor(council, [central], {
      title: 'Water supply interrupted',
      status: 'cancelled',
    })
    await alert
      .merge({
        verificationCode: 'K7Q4M2XD',
        sendRequestedAt: DateTime.fromISO('2026-03-02T09:15:00Z'),
        cancelledAt: DateTime.fromISO('2026-03-02T09:20:00Z'),
      })
      .save()
    const page = await visitor().get('/verify?code=k7q4 m2xd')
    assert.equal(page.status, 200)
    const text = visibleText(page.text)
    assert.include(text, 'Genuine alert, later cancelled')
    assert.include(
      text,
      'Riverside Council sent this alert, then cancelled it on 2 March 2026 at 9:20am. Some people got it before it was stopped. Do not act on it.'
    )
    assert.include(text, 'Sent 2 March 2026 at 9:15am')
    assert.include(text, 'Water supply interrupted')
    assert.notInclude(text, 'This is a genuine alert')
  })

  test('a code no alert has is called plainly not ours, with what to do', async ({ assert }) => {
    const { central } = await seedAreas()
    const police = await createOrganisation('Northshire Police')
    await (
      await alertFor(police, [central], { title: 'Real alert' })
    )
      .merge({ verificationCode: 'K7Q4M2XD' })
      .save()

    const page = await visitor().get('/verify?code=K7Q4-M2XE')
    assert.equal(page.status, 404)
    const text = visibleText(page.text)
    assert.include(text, 'This is not an alert from')
    assert.include(text, 'No alert we sent has the code K7Q4-M2XE')
    assert.include(
      text,
      'Do not click any links in the message, call any number in it, or reply to it.'
    )
    assert.include(text, 'report@phishing.gov.uk')
    assert.notInclude(text, 'Real alert')
  })

  test('a mistyped code is explained, and nothing is looked up', async ({ assert }) => {
    const cases: [string, string][] = [
      ['', 'Enter the code from the alert, for example K7Q4-M2XD'],
      ['K7Q4-M2X', 'The code has 8 letters and numbers, for example K7Q4-M2XD. You entered 7.'],
      ['K7Q4-M2X0', 'Codes never contain 0.'],
      ['x'.repeat(60), 'That is too long to be a code.'],
    ]
    for (const [typed, message] of cases) {
      const page = await visitor().get(`/verify?code=${encodeURIComponent(typed)}`)
      assert.equal(page.status, 422, typed)
      assert.include(page.text, '<title>Error: Check an alert is genuine', typed)
      assert.include(visibleText(page.text), message, typed)
      assert.include(page.text, 'aria-describedby="code-hint code-error"', typed)
    }
    // Array parameters (?code=a&code=b) are refused the same way, never a crash.
    const twice = await visitor().get('/verify?code=K7Q4M2XD&code=K7Q4M2XD')
    assert.equal(twice.status, 422)
    // Only a well-formed code gets a QR code; the picture is made without looking anything up.
    assert.equal((await fetch(new URL('/verify/NOT-ACODE/qr.png', env.get('APP_URL')))).status, 404)
  })

  test('lookups are limited per address, with a page that says so', async ({ assert, cleanup }) => {
    const limit = config.get<number>('beacon.rateLimits.verificationLookups')
    config.set('beacon.rateLimits.verificationLookups', 2)
    cleanup(() => config.set('beacon.rateLimits.verificationLookups', limit))
    const address = `203.0.113.${randomInt(1, 255)}`
    const guesser = new BrowserLikeSession({ headers: { 'X-Forwarded-For': address } })

    // Mistyped codes reach nothing and are not counted.
    assert.equal((await guesser.get('/verify?code=ABC')).status, 422)
    assert.equal((await guesser.get('/verify?code=AAAA-AAAA')).status, 404)
    assert.equal((await guesser.get('/verify?code=AAAA-AAAB')).status, 404)
    const blocked = await guesser.get('/verify?code=AAAA-AAAC')
    assert.equal(blocked.status, 429)
    assert.include(visibleText(blocked.text), 'Too many codes checked')
    assert.match(visibleText(blocked.text), /Wait \d+ minutes?, then try again/)
    // The form itself still opens, and another address still checks codes.
    assert.equal((await guesser.get('/verify')).status, 200)
    assert.equal((await visitor().get('/verify?code=AAAA-AAAA')).status, 404)
  })
  test('a code already taken is never given twice: the send takes another', async ({ assert }) => {
    const { central } = await seedAreas()
    const police = await createOrganisation('Northshire Police')
    const first = await alertFor(police, [central], { title: 'First' })
    await first.merge({ verificationCode: 'K7Q4M2XD' }).save()
    const second = await alertFor(police, [central], { title: 'Second' })

    // The first code drawn collides (the database refuses it); the second is kept.
    const tried: string[] = []
    await withNewVerificationCode((code) => {
      tried.push(code)
      return db
        .from('alerts')
        .where('id', second.id)
        .update({ verification_code: tried.length === 1 ? 'K7Q4M2XD' : code })
    })
    await second.refresh()
    assert.lengthOf(tried, 2)
    assert.equal(second.verificationCode, tried[1])
    await first.refresh()
    assert.equal(first.verificationCode, 'K7Q4M2XD')

    // Any other failure is not retried.
    let calls = 0
    await assert.rejects(() =>
      withNewVerificationCode(async () => {
        calls++
        throw new Error('database unavailable')
      })
    )
    assert.equal(calls, 1)
  })
})
