import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import Resident from '#models/residents/resident'
import SiteSettings from '#services/platform/site/site_settings'
import { coreFixedTexts } from '#services/messaging/alert_rendering'
import { BrowserLikeSession } from '#tests/helpers/http'
import { smtpSink } from '#tests/helpers/smtp_sink'
import { seedAreas, uniqueEmail } from '#tests/helpers/fixtures'
import { answerUpToCheck } from '#tests/helpers/sign_up_fixtures'
import { emptyTablesAfterwards } from '#tests/helpers/database'

/** Every key of a message file, as "file.path.to.key". */
function keysOf(locale: string) {
  const directory = app.languageFilesPath(locale)
  const keys: string[] = []
  const walk = (prefix: string, value: unknown) => {
    if (typeof value === 'string') return keys.push(prefix)
    for (const [name, inner] of Object.entries(value as Record<string, unknown>)) {
      walk(`${prefix}.${name}`, inner)
    }
  }
  for (const file of readdirSync(directory).filter((name) => name.endsWith('.json'))) {
    walk(file.replace(/\.json$/, ''), JSON.parse(readFileSync(join(directory, file), 'utf8')))
  }
  return keys.sort()
}

/** Every template and source file, where a key is used by name. */
function sourceText() {
  const texts: string[] = []
  const walk = (directory: string) => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      const path = join(directory, entry.name)
      if (entry.isDirectory()) walk(path)
      else if (/\.(edge|ts)$/.test(entry.name)) texts.push(readFileSync(path, 'utf8'))
    }
  }
  walk(app.makePath('resources/views'))
  walk(app.makePath('app'))
  return texts.join('\n')
}

const offerWelsh = (welshOffered: boolean) => SiteSettings.update({ welshOffered })

test.group('Welsh: the message files', () => {
  test('every English message has a Welsh one and every Welsh message an English one', ({
    assert,
  }) => {
    assert.deepEqual(keysOf('cy'), keysOf('en'))
  })

  test('every message is used by a page, an email or the validation messages', ({ assert }) => {
    const source = sourceText()
    const unused = keysOf('en').filter(
      (key) =>
        // Looked up by rule and field (WelshValidationMessages) and by template (TransactionalMail).
        !key.startsWith('validator.shared.messages.') &&
        !/^emails\.[a-z_]+\.subject$/.test(key) &&
        // The alert's fixed words, by ALERT_FIXED_TEXTS' names (coreFixedTexts).
        !key.startsWith('emails.alert.') &&
        // The check page's answers, by SignUpSummary's names; the priorities by their number.
        !key.startsWith('sign_up.summary.') &&
        // The archive's categories, by their slug (ALERT_CATEGORIES).
        !key.startsWith('archive.categories.') &&
        !source.includes(`'${key}'`)
    )
    assert.deepEqual(unused, [])
  })
})

test.group('Welsh: the alert email footer', () => {
  test('a Welsh alert carries the core’s own Welsh footer; other languages keep the translation’s', ({
    assert,
  }) => {
    assert.deepEqual(coreFixedTexts('cy'), {
      greeting: 'Annwyl',
      reason: 'Rydych yn cael y rhybudd hwn am eich bod wedi cofrestru ar gyfer rhybuddion lleol.',
      unsubscribe: 'Dad-danysgrifio o bob rhybudd',
      manage: 'Rheoli eich rhybuddion',
      manageHint: 'dewis pa rybuddion rydych chi’n eu cael a phryd, neu weld a dileu eich data.',
      priority: 'blaenoriaeth',
      codeLabel: 'Cod y rhybudd',
      codeCheck: 'Ddim yn siŵr a yw’r rhybudd hwn yn ddilys? Gwiriwch y cod ar',
      codeScan:
        'neu sganiwch y cod QR. Peidiwch byth â gweithredu ar neges nad yw ei chod yn gywir.',
      qrAlt: 'Cod QR: sganiwch ef i wirio’r rhybudd hwn ar',
    })
    assert.deepEqual(coreFixedTexts('pl'), {})
    assert.deepEqual(coreFixedTexts('en'), {})
  })
})

test.group('Welsh: a resident who chooses Cymraeg', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('the sign-up, the confirmation email and the signed-in pages are in Welsh', async ({
    assert,
  }) => {
    const { central } = await seedAreas()
    await offerWelsh(true)
    const browser = new BrowserLikeSession()

    const english = await browser.get('/sign-up')
    assert.include(english.text, '<html lang="en"')
    assert.include(english.text, 'What is your postcode?')
    assert.match(
      english.text,
      /href="\/language\/cy\?back=%2Fsign-up" hreflang="cy" lang="cy"[^>]*>Cymraeg</
    )

    const welsh = await browser.get('/language/cy?back=%2Fsign-up')
    assert.equal(new URL(welsh.url).pathname, '/sign-up')
    assert.include(welsh.text, '<html lang="cy"')
    assert.include(welsh.text, 'Beth yw eich cod post?')
    assert.include(welsh.text, 'Neidio i’r prif gynnwys')
    assert.include(welsh.text, 'Cofrestru ar gyfer rhybuddion lleol')
    assert.notInclude(welsh.text, 'What is your postcode?')
    assert.match(welsh.text, /hreflang="en" lang="en"[^>]*>English</)

    // A validation message on a sign-up form comes in Welsh too.
    const refused = await browser.submit('/sign-up', {}, { action: '/sign-up/postcode' })
    assert.include(refused.text, 'Mae problem')
    assert.include(refused.text, 'Rhowch eich cod post')

    const email = uniqueEmail()
    const check = await answerUpToCheck(browser, central, { name: 'Angharad Jones', email })
    assert.include(check.text, 'Gwiriwch eich atebion')
    assert.include(check.text, 'Angharad Jones')
    assert.include(check.text, 'Dim: gall rhybuddion ddod ar unrhyw adeg')
    assert.include(check.text, '1 – Gwybodaeth')
    const sent = await browser.post('/sign-up')
    assert.include(sent.text, 'Gwiriwch eich e-bost')
    assert.include(sent.text, 'Beth sy’n digwydd nesaf')

    const resident = await Resident.findByOrFail('email', email)
    // The service language is the alert language: Welsh alerts wherever the translation plugin offers them.
    assert.equal(resident.language, 'cy')

    const mail = await smtpSink.waitForMail(
      email,
      (received) => received.subject === 'Cadarnhewch eich rhybuddion lleol'
    )
    assert.include(mail.text, 'Annwyl Angharad Jones,')
    assert.include(mail.text, 'Mae’r ddolen yn gweithio am 48 awr.')
    assert.notInclude(mail.text, 'Dear')
    const confirmPath = mail.text.match(/\/confirm\/[A-Za-z0-9_-]+/)![0]
    await browser.get(confirmPath)
    const confirmed = await browser.post(confirmPath)
    assert.include(confirmed.text, 'Mae eich rhybuddion ymlaen')

    // A new browser without the cookie: once signed in, the resident's record keeps the pages Welsh.
    const elsewhere = new BrowserLikeSession()
    const request = await elsewhere.submit('/my-alerts', { email })
    assert.include(request.text, 'Check your email')
    const link = await smtpSink.waitForMail(
      email,
      (received) => received.subject === 'Eich dolen i reoli eich rhybuddion'
    )
    const signInPath = link.text.match(/\/my-alerts\/sign-in\/[A-Za-z0-9_-]+/)![0]
    await elsewhere.get(signInPath)
    const account = await elsewhere.post(signInPath)
    assert.include(account.text, '<html lang="cy"')
    assert.include(account.text, 'Wedi mewngofnodi fel')
    assert.include(account.text, 'Rheoli eich rhybuddion')
    assert.include(account.text, 'Eich manylion')

    // Choosing English while signed in goes back to English alerts too.
    const backToEnglish = await elsewhere.get('/language/en?back=%2Fmy-alerts%2Faccount')
    assert.include(backToEnglish.text, '<html lang="en"')
    assert.include(backToEnglish.text, 'Your details')
    await resident.refresh()
    assert.equal(resident.language, 'en')
  })

  test('the switch returns only to a page of this site', async ({ assert }) => {
    await offerWelsh(true)
    const browser = new BrowserLikeSession()
    const page = await browser.get('/language/cy?back=%2F%2Fevil.example%2F')
    assert.equal(new URL(page.url).origin, new URL(browser.baseUrl).origin)
    assert.equal(new URL(page.url).pathname, '/')
  })
})

test.group('Welsh: an install that does not offer it', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('shows no switch, and the pages stay in English', async ({ assert }) => {
    await seedAreas()
    await offerWelsh(false)
    const browser = new BrowserLikeSession()
    const page = await browser.get('/sign-up')
    assert.include(page.text, '<html lang="en"')
    assert.notInclude(page.text, 'Cymraeg')
    assert.notInclude(page.text, 'hreflang')

    const after = await browser.get('/language/cy?back=%2Fsign-up')
    assert.include(after.text, '<html lang="en"')
    assert.include(after.text, 'What is your postcode?')
  })

  test('a Welsh link says the service is not offered in Welsh, goes back, and changes nothing', async ({
    assert,
  }) => {
    await seedAreas()
    await offerWelsh(false)
    const browser = new BrowserLikeSession()

    // An old or shared link has no `back`: the visitor returns to the page they came from.
    const fromSignUp = await browser.get('/language/cy', { Referer: `${browser.baseUrl}/sign-up` })
    assert.equal(new URL(fromSignUp.url).pathname, '/sign-up')
    assert.include(fromSignUp.text, '<html lang="en"')
    assert.include(fromSignUp.text, 'This service is not offered in Welsh.')
    assert.include(fromSignUp.text, 'What is your postcode?')
    // Said once, not again on the next page.
    assert.notInclude((await browser.get('/sign-up')).text, 'not offered in Welsh')

    // From another site, or from nowhere: home.
    const fromElsewhere = await browser.get('/language/cy', { Referer: 'https://evil.example/' })
    assert.equal(new URL(fromElsewhere.url).origin, new URL(browser.baseUrl).origin)
    assert.equal(new URL(fromElsewhere.url).pathname, '/')
    assert.include(fromElsewhere.text, 'This service is not offered in Welsh.')

    // English needs no message.
    const english = await browser.get('/language/en?back=%2Fsign-up')
    assert.notInclude(english.text, 'not offered in Welsh')

    // Nothing was kept: once the install offers Welsh, this visitor still gets English.
    await offerWelsh(true)
    const later = await browser.get('/sign-up')
    assert.include(later.text, '<html lang="en"')
    assert.include(later.text, 'What is your postcode?')
  })
})
