import { test } from '@japa/runner'
import type { DateTime } from 'luxon'
import Alert from '#models/messaging/alert'
import SiteSettings from '#services/platform/site/site_settings'
import config from '@adonisjs/core/services/config'
import env from '#start/env'
import { createOrganisation, seedAreas } from '#tests/helpers/fixtures'
import { alertFor } from '#tests/helpers/archive_fixtures'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import { residentOf, seedSelfService, signedInAs } from '#tests/helpers/self_service_fixtures'
import { BrowserLikeSession } from '#tests/helpers/http'

interface Answer {
  status: number
  etag: string | null
  vary: string | null
  text: string
}

/** A visitor: English with no cookie, Welsh with the cookie the language switch gave them. */
interface Visitor {
  cookie: string | null
}

async function get(
  visitor: Visitor,
  path: string,
  headers: Record<string, string> = {}
): Promise<Answer> {
  const response = await fetch(new URL(path, env.get('APP_URL')), {
    redirect: 'manual',
    headers: {
      Accept: 'text/html',
      ...(visitor.cookie ? { Cookie: visitor.cookie } : {}),
      ...headers,
    },
  })
  return {
    status: response.status,
    etag: response.headers.get('etag'),
    vary: response.headers.get('vary'),
    text: await response.text(),
  }
}

const english: Visitor = { cookie: null }

/** Someone who pressed "Cymraeg": the switch's cookies, as their browser keeps them. */
async function welshVisitor(): Promise<Visitor> {
  const response = await fetch(new URL('/language/cy?back=%2Falerts', env.get('APP_URL')), {
    redirect: 'manual',
  })
  const cookie = response.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .join('; ')
  return { cookie }
}

async function archiveWithOneAlert() {
  const { boston } = await seedAreas()
  const organisation = await createOrganisation('Wolds Police')
  const alert = await alertFor(organisation, [boston], {
    title: 'Sheds broken into on Mill Lane',
    body: 'Lock your **sheds** tonight.',
    category: 'burglary',
    priority: 3,
  })
  return alert
}

function assertEnglish(assert: any, page: Answer, where: string) {
  assert.equal(page.status, 200, where)
  assert.include(page.text, '<html lang="en"', where)
  assert.notInclude(page.text, '<html lang="cy"', where)
}

function assertWelsh(assert: any, page: Answer, where: string) {
  assert.equal(page.status, 200, where)
  assert.include(page.text, '<html lang="cy"', where)
  assert.notInclude(page.text, '<html lang="en"', where)
}

test.group('Welsh: the public archive', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('an English and a Welsh visitor taking turns each always get their own language', async ({
    assert,
  }) => {
    await SiteSettings.update({ welshOffered: true })
    const alert = await archiveWithOneAlert()
    const welsh = await welshVisitor()
    const alertPath = `/alerts/${alert.id}`
    const sent = (alert.completedAt as DateTime).setZone('Europe/London')

    const seen: Record<string, Answer[]> = { en: [], cy: [] }
    // Three rounds: the first renders, the others come from the cache (and its shortcut).
    for (let round = 0; round < 3; round++) {
      for (const [language, visitor] of [
        ['en', english],
        ['cy', welsh],
      ] as const) {
        const index = await get(visitor, '/alerts')
        const page = await get(visitor, alertPath)
        seen[language].push(index, page)
        const where = `${language}, round ${round}`
        if (language === 'en') {
          assertEnglish(assert, index, where)
          assertEnglish(assert, page, where)
          assert.include(index.text, '<h2 class="govuk-heading-m">Find alerts</h2>', where)
          assert.include(index.text, 'Apply filters', where)
          assert.include(index.text, '1 alert, newest first', where)
          assert.include(page.text, 'Priority 3: Warning', where)
          assert.include(page.text, `${sent.setLocale('en-GB').toFormat('d MMMM yyyy')} at`, where)
          assert.notInclude(index.text, 'Dod o hyd i rybuddion', where)
        } else {
          assertWelsh(assert, index, where)
          assertWelsh(assert, page, where)
          assert.include(index.text, '<h1 class="govuk-heading-xl">Rhybuddion</h1>', where)
          assert.include(
            index.text,
            '<h2 class="govuk-heading-m">Dod o hyd i rybuddion</h2>',
            where
          )
          assert.include(index.text, 'Geiriau yn y rhybudd', where)
          assert.include(index.text, '>Unrhyw gategori</option>', where)
          assert.include(index.text, '>Hidlo</button>', where)
          assert.include(index.text, '1 rhybudd, y diweddaraf yn gyntaf', where)
          assert.include(index.text, 'Bwrgleriaeth', where)
          assert.include(index.text, 'Dilyn y rhybuddion hyn', where)
          assert.notInclude(index.text, 'Find alerts', where)
          assert.notInclude(index.text, 'newest first', where)
          assert.include(page.text, 'Blaenoriaeth 3: Rhybudd', where)
          assert.include(page.text, '>Anfonwyd gan</dt>', where)
          assert.include(page.text, '>Pob rhybudd</a>', where)
          assert.include(page.text, 'Boston (yr ardal gyfan)', where)
          // The month in Welsh; the alert as its sender wrote it.
          assert.include(page.text, `${sent.setLocale('cy').toFormat('d MMMM yyyy')} am`, where)
          assert.include(page.text, '<meta property="og:locale" content="cy_GB">', where)
          assert.notInclude(page.text, 'Priority 3', where)
          assert.notInclude(page.text, 'Sent by', where)
        }
        for (const answer of [index, page]) {
          assert.include(answer.text, 'Sheds broken into on Mill Lane', where)
          assert.equal(answer.vary, 'Cookie', where)
          assert.match(answer.etag ?? '', /^"[\w-]+"$/, where)
        }
      }
    }
    // Each language's version stays the same; the two never share a tag.
    for (const language of ['en', 'cy']) {
      assert.equal(seen[language][4].etag, seen[language][0].etag, `${language} /alerts kept`)
      assert.equal(seen[language][5].etag, seen[language][1].etag, `${language} alert kept`)
    }
    assert.notEqual(seen.en[0].etag, seen.cy[0].etag)
    assert.notEqual(seen.en[1].etag, seen.cy[1].etag)

    // Asking with the other language's tag gets that visitor's own page, not a 304.
    for (const [path, n] of [
      ['/alerts', 0],
      [alertPath, 1],
    ] as const) {
      const welshHoldingEnglish = await get(welsh, path, { 'If-None-Match': seen.en[n].etag! })
      assertWelsh(assert, welshHoldingEnglish, `${path}: Welsh with the English tag`)
      const englishHoldingWelsh = await get(english, path, { 'If-None-Match': seen.cy[n].etag! })
      assertEnglish(assert, englishHoldingWelsh, `${path}: English with the Welsh tag`)
      // Their own tag is a 304 as before.
      assert.equal((await get(welsh, path, { 'If-None-Match': seen.cy[n].etag! })).status, 304)
      assert.equal((await get(english, path, { 'If-None-Match': seen.en[n].etag! })).status, 304)
    }
  })

  test('a newly published alert shows in both languages, and a withdrawn one leaves both', async ({
    assert,
  }) => {
    await SiteSettings.update({ welshOffered: true })
    const first = await archiveWithOneAlert()
    const welsh = await welshVisitor()
    // Both languages' pages are kept first.
    const before = { en: await get(english, '/alerts'), cy: await get(welsh, '/alerts') }
    assert.notInclude(before.en.text, 'Fire in the old mill')
    assert.notInclude(before.cy.text, 'Fire in the old mill')

    const organisation = await createOrganisation('Wolds Fire')
    const second = await alertFor(organisation, [], {
      title: 'Fire in the old mill',
      category: 'fire-safety',
    })

    const after = { en: await get(english, '/alerts'), cy: await get(welsh, '/alerts') }
    assertEnglish(assert, after.en, 'English after publishing')
    assertWelsh(assert, after.cy, 'Welsh after publishing')
    for (const language of ['en', 'cy'] as const) {
      assert.include(after[language].text, 'Fire in the old mill', language)
      assert.include(after[language].text, 'Sheds broken into on Mill Lane', language)
      assert.notEqual(after[language].etag, before[language].etag, language)
    }
    assert.include(after.en.text, '2 alerts, newest first')
    assert.include(after.cy.text, '2 rybudd, y diweddaraf yn gyntaf')
    assert.include(after.cy.text, 'Diogelwch tân')

    const secondPage = `/alerts/${second.id}`
    assertWelsh(assert, await get(welsh, secondPage), 'the new alert in Welsh')
    assertEnglish(assert, await get(english, secondPage), 'the new alert in English')

    // Taken out of the archive: gone in both languages.
    const stored = await Alert.findOrFail(first.id)
    stored.isPublic = false
    await stored.save()
    const withdrawn = { en: await get(english, '/alerts'), cy: await get(welsh, '/alerts') }
    for (const language of ['en', 'cy'] as const) {
      assert.notInclude(withdrawn[language].text, 'Sheds broken into on Mill Lane', language)
      assert.include(withdrawn[language].text, 'Fire in the old mill', language)
    }
    assert.equal((await get(welsh, `/alerts/${first.id}`)).status, 404)
  })

  test('a signed-in resident who chose Welsh elsewhere gets the Welsh archive, though the English one is kept', async ({
    assert,
  }) => {
    await SiteSettings.update({ welshOffered: true })
    const world = await seedSelfService()
    const organisation = await createOrganisation('Wolds Police')
    await alertFor(organisation, [world.areas.boston], { title: 'Sheds broken into on Mill Lane' })
    const resident = await residentOf(world)
    const browser = await signedInAs(resident)
    // Chosen on another device: this browser has no Welsh cookie yet.
    resident.language = 'cy'
    await resident.save()
    assertEnglish(assert, await get(english, '/alerts'), 'an English visitor first')

    const account = await browser.get('/my-alerts')
    assert.include(account.text, '<html lang="cy"')
    for (const round of [1, 2]) {
      const archive = await browser.get('/alerts')
      assert.include(archive.text, '<html lang="cy"', `round ${round}`)
      assert.include(archive.text, 'Dod o hyd i rybuddion', `round ${round}`)
      assert.include(archive.text, 'Sheds broken into on Mill Lane', `round ${round}`)
    }
  })

  test('where Welsh is not offered, the archive is one English page for everyone, as before', async ({
    assert,
  }) => {
    await SiteSettings.update({ welshOffered: true })
    const welsh = await welshVisitor()
    await SiteSettings.update({ welshOffered: false })
    await archiveWithOneAlert()

    const forEnglish = await get(english, '/alerts')
    const forWelshCookie = await get(welsh, '/alerts')
    assertEnglish(assert, forEnglish, 'English visitor')
    assertEnglish(assert, forWelshCookie, 'a visitor with the Welsh cookie')
    assert.include(forWelshCookie.text, 'Find alerts')
    assert.equal(forWelshCookie.etag, forEnglish.etag)
    assert.isNull(forEnglish.vary)
    assert.equal((await get(welsh, '/alerts', { 'If-None-Match': forEnglish.etag! })).status, 304)
  })

  test('the feeds are the same in either language', async ({ assert }) => {
    await SiteSettings.update({ welshOffered: true })
    await archiveWithOneAlert()
    const welsh = await welshVisitor()
    const inEnglish = await get(english, '/alerts/feed.rss')
    const inWelsh = await get(welsh, '/alerts/feed.rss')
    assert.equal(inWelsh.text, inEnglish.text)
    assert.equal(inWelsh.etag, inEnglish.etag)
    assert.isNull(inWelsh.vary)
  })
})

test.group('Welsh: error pages', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('a page that does not exist says so in Welsh to a Welsh visitor, and in English to others and staff', async ({
    assert,
  }) => {
    await SiteSettings.update({ welshOffered: true })
    const welsh = await welshVisitor()

    for (const path of ['/no-such-page', '/alerts/987654']) {
      const missing = await get(welsh, path)
      assert.equal(missing.status, 404, path)
      assert.include(missing.text, '<html lang="cy"', path)
      assert.include(
        missing.text,
        '<h1 class="govuk-heading-l">Heb ddod o hyd i’r dudalen</h1>',
        path
      )
      assert.include(missing.text, 'gwiriwch ei fod yn gywir', path)
      assert.include(missing.text, 'Mynd i’r hafan', path)
      assert.notInclude(missing.text, 'Page not found', path)

      const inEnglish = await get(english, path)
      assert.equal(inEnglish.status, 404, path)
      assert.include(inEnglish.text, '<html lang="en"', path)
      assert.include(inEnglish.text, 'Page not found', path)
    }

    // Staff pages stay English whatever the visitor chose.
    const staff = await get(welsh, '/staff/no-such-page')
    assert.equal(staff.status, 404)
    assert.include(staff.text, '<html lang="en"')
    assert.include(staff.text, 'Page not found')
  })

  test('a form sent after its page expired says so in Welsh', async ({ assert }) => {
    await SiteSettings.update({ welshOffered: true })
    const browser = new BrowserLikeSession()
    await browser.get('/language/cy?back=%2F')
    const expired = await browser.submit('/sign-up', {}, { csrf: false })
    assert.include(expired.text, '<html lang="cy"')
    assert.include(expired.text, 'Roedd y dudalen hon wedi bod ar agor yn rhy hir')
    assert.notInclude(expired.text, 'This page had been open too long')
  })

  test('too many forms from one address get the 429 page in Welsh', async ({ assert, cleanup }) => {
    await SiteSettings.update({ welshOffered: true })
    const limit = config.get<number>('beacon.rateLimits.publicForms')
    config.set('beacon.rateLimits.publicForms', 1)
    cleanup(() => config.set('beacon.rateLimits.publicForms', limit))
    const browser = new BrowserLikeSession()
    await browser.get('/language/cy?back=%2F')
    await browser.submit('/my-alerts', { email: 'someone@example.test' })
    const page = await browser.submit('/my-alerts', { email: 'someone@example.test' })
    assert.equal(page.status, 429)
    assert.include(page.text, '<html lang="cy"')
    assert.include(page.text, '<h1 class="govuk-heading-l">Gormod o ymdrechion</h1>')
    assert.match(page.text, /Arhoswch \d+ (munud|funud), yna rhowch gynnig arall arni\./)
    assert.notInclude(page.text, 'Too many attempts')
  })

  test('where Welsh is not offered, a 404 is English even with the Welsh cookie', async ({
    assert,
  }) => {
    await SiteSettings.update({ welshOffered: true })
    const welsh = await welshVisitor()
    await SiteSettings.update({ welshOffered: false })
    const missing = await get(welsh, '/no-such-page')
    assert.equal(missing.status, 404)
    assert.include(missing.text, '<html lang="en"')
    assert.include(missing.text, 'Page not found')
  })
})
